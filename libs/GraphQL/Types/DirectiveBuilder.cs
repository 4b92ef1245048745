namespace TokenOptimizer.GraphQL;

/// <summary>Configures a custom directive.</summary>
public sealed class DirectiveBuilder
{
    internal DirectiveBuilder(string name) => Name = name;

    internal string Name { get; }

    internal string? DescriptionText { get; private set; }

    internal List<string> LocationNames { get; } = [];

    internal bool IsRepeatable { get; private set; }

    internal List<InputValueBuilder> ArgumentBuilders { get; } = [];

    /// <summary>Sets the description.</summary>
    /// <param name="description">Markdown description.</param>
    /// <returns>This builder.</returns>
    public DirectiveBuilder Description(string description)
    {
        DescriptionText = description;
        return this;
    }

    /// <summary>Adds allowed locations, e.g. <c>FIELD</c>.</summary>
    /// <param name="locations">Location names.</param>
    /// <returns>This builder.</returns>
    public DirectiveBuilder Locations(params string[] locations)
    {
        LocationNames.AddRange(locations);
        return this;
    }

    /// <summary>Allows the directive more than once per location.</summary>
    /// <returns>This builder.</returns>
    public DirectiveBuilder Repeatable()
    {
        IsRepeatable = true;
        return this;
    }

    /// <summary>Adds an argument.</summary>
    /// <param name="name">Argument name.</param>
    /// <param name="type">Input type reference.</param>
    /// <param name="configure">Sets description or default.</param>
    /// <returns>This builder.</returns>
    public DirectiveBuilder Argument(string name, string type, Action<InputValueBuilder>? configure = null)
    {
        var argument = new InputValueBuilder(name, type);
        configure?.Invoke(argument);
        ArgumentBuilders.Add(argument);
        return this;
    }
}
