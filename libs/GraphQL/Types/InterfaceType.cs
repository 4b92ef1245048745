namespace TokenOptimizer.GraphQL;

/// <summary>An interface type.</summary>
public sealed class InterfaceType : ComplexType
{
    internal InterfaceType(string name, string? description)
        : base(name, description)
    {
    }

    /// <summary>Chooses the runtime object type of a value.</summary>
    public TypeResolver? ResolveType { get; internal set; }
}
