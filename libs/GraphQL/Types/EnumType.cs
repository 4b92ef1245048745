namespace TokenOptimizer.GraphQL;

/// <summary>An enum type: a closed set of named values, each mapped to an internal .NET value.</summary>
public sealed class EnumType : NamedType
{
    private readonly Dictionary<string, EnumValueDefinition> _byName;

    internal EnumType(string name, string? description, IReadOnlyList<EnumValueDefinition> values)
        : base(name, description)
    {
        Values = values;
        _byName = values.ToDictionary(v => v.Name);
    }

    /// <summary>Values in definition order.</summary>
    public IReadOnlyList<EnumValueDefinition> Values { get; }

    /// <summary>Finds a value by its GraphQL name.</summary>
    /// <param name="name">The name.</param>
    /// <returns>The value, or null.</returns>
    public EnumValueDefinition? GetValue(string name) => _byName.GetValueOrDefault(name);

    internal string Serialize(object value)
    {
        foreach (var definition in Values)
        {
            if (Equals(definition.Value, value))
            {
                return definition.Name;
            }
        }

        // Names are accepted too, so that resolvers over plain data (strings) need no mapping.
        if (value is string name && _byName.ContainsKey(name))
        {
            return name;
        }

        throw new GraphQLException($"Enum \"{Name}\" cannot represent value: {Inspect.Value(value)}");
    }
}
