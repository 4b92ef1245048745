namespace TokenOptimizer.GraphQL;

/// <summary>A union of object types.</summary>
public sealed class UnionType : NamedType
{
    internal UnionType(string name, string? description)
        : base(name, description)
    {
    }

    /// <summary>Member types in definition order.</summary>
    public IReadOnlyList<ObjectType> Types { get; internal set; } = [];

    /// <summary>Chooses the runtime object type of a value.</summary>
    public TypeResolver? ResolveType { get; internal set; }
}
