namespace TokenOptimizer.GraphQL;

/// <summary>An input object type: a named set of input fields.</summary>
public sealed class InputObjectType : NamedType
{
    private Dictionary<string, InputValueDefinition> _fieldsByName = [];

    internal InputObjectType(string name, string? description)
        : base(name, description)
    {
    }

    /// <summary>Fields in definition order.</summary>
    public IReadOnlyList<InputValueDefinition> Fields { get; private set; } = [];

    /// <summary>Finds a field by name.</summary>
    /// <param name="name">The field name.</param>
    /// <returns>The field, or null.</returns>
    public InputValueDefinition? GetField(string name) => _fieldsByName.GetValueOrDefault(name);

    internal void SetFields(IReadOnlyList<InputValueDefinition> fields)
    {
        Fields = fields;
        _fieldsByName = fields.ToDictionary(f => f.Name);
    }
}
