namespace TokenOptimizer.GraphQL;

/// <summary>A value of an enum type.</summary>
/// <param name="name">The value's name in GraphQL.</param>
/// <param name="value">The internal .NET value resolvers see and return.</param>
/// <param name="description">Human-readable description.</param>
/// <param name="deprecationReason">Why the value is deprecated, or null.</param>
public sealed class EnumValueDefinition(string name, object value, string? description, string? deprecationReason)
{
    /// <summary>The value's name in GraphQL.</summary>
    public string Name { get; } = name;

    /// <summary>The internal .NET value.</summary>
    public object Value { get; } = value;

    /// <summary>Human-readable description.</summary>
    public string? Description { get; } = description;

    /// <summary>Why the value is deprecated, or null.</summary>
    public string? DeprecationReason { get; } = deprecationReason;
}
