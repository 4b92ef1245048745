namespace TokenOptimizer.GraphQL;

/// <summary>A directive such as <c>@skip</c> or a custom one.</summary>
public sealed class DirectiveDefinition
{
    internal DirectiveDefinition(string name, string? description, IReadOnlyList<string> locations, bool isRepeatable)
    {
        Name = name;
        Description = description;
        Locations = locations;
        IsRepeatable = isRepeatable;
    }

    /// <summary>The name, without <c>@</c>.</summary>
    public string Name { get; }

    /// <summary>Human-readable description.</summary>
    public string? Description { get; }

    /// <summary>Where the directive may appear, as specification location names (e.g. <c>FIELD</c>).</summary>
    public IReadOnlyList<string> Locations { get; }

    /// <summary>Whether the directive may appear more than once at a location.</summary>
    public bool IsRepeatable { get; }

    /// <summary>The directive's arguments.</summary>
    public IReadOnlyList<InputValueDefinition> Arguments { get; internal set; } = [];

    /// <summary>Finds an argument by name.</summary>
    /// <param name="name">The argument name.</param>
    /// <returns>The argument, or null.</returns>
    public InputValueDefinition? GetArgument(string name) => Arguments.FirstOrDefault(a => a.Name == name);
}
