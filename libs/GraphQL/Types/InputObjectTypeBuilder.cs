namespace TokenOptimizer.GraphQL;

/// <summary>Configures an input object type.</summary>
public sealed class InputObjectTypeBuilder
{
    internal InputObjectTypeBuilder(string name) => Name = name;

    internal string Name { get; }

    internal string? DescriptionText { get; private set; }

    internal List<InputValueBuilder> FieldBuilders { get; } = [];

    /// <summary>Sets the description.</summary>
    /// <param name="description">Markdown description.</param>
    /// <returns>This builder.</returns>
    public InputObjectTypeBuilder Description(string description)
    {
        DescriptionText = description;
        return this;
    }

    /// <summary>Adds an input field.</summary>
    /// <param name="name">Field name.</param>
    /// <param name="type">Input type reference in SDL notation.</param>
    /// <param name="configure">Sets description, default or deprecation.</param>
    /// <returns>This builder.</returns>
    public InputObjectTypeBuilder Field(string name, string type, Action<InputValueBuilder>? configure = null)
    {
        var field = new InputValueBuilder(name, type);
        configure?.Invoke(field);
        FieldBuilders.Add(field);
        return this;
    }
}
