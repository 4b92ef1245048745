namespace TokenOptimizer.GraphQL;

/// <summary>Configures an enum type.</summary>
public sealed class EnumTypeBuilder
{
    internal EnumTypeBuilder(string name) => Name = name;

    internal string Name { get; }

    internal string? DescriptionText { get; private set; }

    internal List<EnumValueDefinition> ValueDefinitions { get; } = [];

    /// <summary>Sets the description.</summary>
    /// <param name="description">Markdown description.</param>
    /// <returns>This builder.</returns>
    public EnumTypeBuilder Description(string description)
    {
        DescriptionText = description;
        return this;
    }

    /// <summary>Adds a value.</summary>
    /// <param name="name">GraphQL name, conventionally CONSTANT_CASE.</param>
    /// <param name="value">Internal .NET value; defaults to the name.</param>
    /// <param name="description">Description.</param>
    /// <param name="deprecationReason">Why the value is deprecated, or null.</param>
    /// <returns>This builder.</returns>
    public EnumTypeBuilder Value(string name, object? value = null, string? description = null, string? deprecationReason = null)
    {
        ValueDefinitions.Add(new EnumValueDefinition(name, value ?? name, description, deprecationReason));
        return this;
    }

    /// <summary>Adds every member of a CLR enum, named in CONSTANT_CASE.</summary>
    /// <typeparam name="TEnum">The CLR enum.</typeparam>
    /// <returns>This builder.</returns>
    public EnumTypeBuilder Values<TEnum>()
        where TEnum : struct, Enum
    {
        foreach (var member in Enum.GetValues<TEnum>())
        {
            Value(ToConstantCase(member.ToString()), member);
        }

        return this;
    }

    private static string ToConstantCase(string name)
    {
        var builder = new System.Text.StringBuilder();
        for (var i = 0; i < name.Length; i++)
        {
            if (i > 0 && char.IsUpper(name[i]) && !char.IsUpper(name[i - 1]))
            {
                builder.Append('_');
            }

            builder.Append(char.ToUpperInvariant(name[i]));
        }

        return builder.ToString();
    }
}
