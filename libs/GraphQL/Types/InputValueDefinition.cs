namespace TokenOptimizer.GraphQL;

/// <summary>An argument of a field or directive, or a field of an input object type.</summary>
public sealed class InputValueDefinition
{
    internal InputValueDefinition(string name, string? description, bool hasDefaultValue, object? defaultValue, string? deprecationReason)
    {
        Name = name;
        Description = description;
        HasDefaultValue = hasDefaultValue;
        DefaultValue = defaultValue;
        DeprecationReason = deprecationReason;
    }

    /// <summary>The name.</summary>
    public string Name { get; }

    /// <summary>Human-readable description.</summary>
    public string? Description { get; }

    /// <summary>The input type.</summary>
    public GraphQLType Type { get; internal set; } = null!;

    /// <summary>Whether a default value is defined (a default may itself be null).</summary>
    public bool HasDefaultValue { get; }

    /// <summary>The default, as an internal value (what a resolver receives).</summary>
    public object? DefaultValue { get; }

    /// <summary>Why the input value is deprecated, or null when it is not.</summary>
    public string? DeprecationReason { get; }
}
