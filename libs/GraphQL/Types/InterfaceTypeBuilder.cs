namespace TokenOptimizer.GraphQL;

/// <summary>Configures an interface type.</summary>
public sealed class InterfaceTypeBuilder : ComplexTypeBuilder<InterfaceTypeBuilder>
{
    internal InterfaceTypeBuilder(string name)
        : base(name)
    {
    }

    internal TypeResolver? TypeResolver { get; private set; }

    /// <summary>Chooses the object type of a value; without it, each object type's IsTypeOf is tried.</summary>
    /// <param name="resolver">Returns the object type name.</param>
    /// <returns>This builder.</returns>
    public InterfaceTypeBuilder ResolveType(TypeResolver resolver)
    {
        TypeResolver = resolver;
        return this;
    }
}
