namespace TokenOptimizer.GraphQL;

/// <summary>A non-null wrapper: null is never a valid value.</summary>
/// <param name="ofType">The wrapped, nullable type.</param>
public sealed class NonNullType(GraphQLType ofType) : GraphQLType
{
    /// <summary>The wrapped type.</summary>
    public GraphQLType OfType { get; } = ofType;

    /// <inheritdoc />
    public override NamedType Named => OfType.Named;

    /// <inheritdoc />
    public override string ToString() => $"{OfType}!";
}
