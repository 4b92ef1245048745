namespace TokenOptimizer.GraphQL;

/// <summary>Configures an object or interface type.</summary>
/// <typeparam name="TSelf">The concrete builder, for fluent chaining.</typeparam>
public abstract class ComplexTypeBuilder<TSelf>
    where TSelf : ComplexTypeBuilder<TSelf>
{
    private protected ComplexTypeBuilder(string name) => Name = name;

    internal string Name { get; }

    internal string? DescriptionText { get; private set; }

    internal List<string> InterfaceNames { get; } = [];

    internal List<FieldBuilder> FieldBuilders { get; } = [];

    /// <summary>Sets the description.</summary>
    /// <param name="description">Markdown description.</param>
    /// <returns>This builder.</returns>
    public TSelf Description(string description)
    {
        DescriptionText = description;
        return (TSelf)this;
    }

    /// <summary>Declares implemented interfaces.</summary>
    /// <param name="interfaces">Interface names.</param>
    /// <returns>This builder.</returns>
    public TSelf Implements(params string[] interfaces)
    {
        InterfaceNames.AddRange(interfaces);
        return (TSelf)this;
    }

    /// <summary>Adds a field.</summary>
    /// <param name="name">Field name.</param>
    /// <param name="type">Type reference in SDL notation, e.g. <c>[User!]!</c>.</param>
    /// <param name="configure">Sets arguments, resolver, description or deprecation.</param>
    /// <returns>This builder.</returns>
    public TSelf Field(string name, string type, Action<FieldBuilder>? configure = null)
    {
        var field = new FieldBuilder(name, type);
        configure?.Invoke(field);
        FieldBuilders.Add(field);
        return (TSelf)this;
    }
}
