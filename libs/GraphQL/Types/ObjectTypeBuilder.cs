namespace TokenOptimizer.GraphQL;

/// <summary>Configures an object type.</summary>
public sealed class ObjectTypeBuilder : ComplexTypeBuilder<ObjectTypeBuilder>
{
    internal ObjectTypeBuilder(string name)
        : base(name)
    {
    }

    internal Func<object, bool>? IsTypeOfPredicate { get; private set; }

    /// <summary>Decides whether a value is of this type when the static type is an interface or union.</summary>
    /// <param name="predicate">The test.</param>
    /// <returns>This builder.</returns>
    public ObjectTypeBuilder IsTypeOf(Func<object, bool> predicate)
    {
        IsTypeOfPredicate = predicate;
        return this;
    }

    /// <summary>Values of CLR type <typeparamref name="T"/> are of this GraphQL type.</summary>
    /// <typeparam name="T">The CLR type.</typeparam>
    /// <returns>This builder.</returns>
    public ObjectTypeBuilder IsTypeOf<T>() => IsTypeOf(value => value is T);
}
