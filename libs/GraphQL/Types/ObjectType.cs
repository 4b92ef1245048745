namespace TokenOptimizer.GraphQL;

/// <summary>An object type: the only kind of type a value is at runtime.</summary>
public sealed class ObjectType : ComplexType
{
    internal ObjectType(string name, string? description)
        : base(name, description)
    {
    }

    /// <summary>Decides whether a value belongs to this type when the static type is abstract.</summary>
    public Func<object, bool>? IsTypeOf { get; internal set; }
}
