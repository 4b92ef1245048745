namespace TokenOptimizer.GraphQL;

/// <summary>A list of values of the wrapped type.</summary>
/// <param name="ofType">The item type.</param>
public sealed class ListType(GraphQLType ofType) : GraphQLType
{
    /// <summary>The item type.</summary>
    public GraphQLType OfType { get; } = ofType;

    /// <inheritdoc />
    public override NamedType Named => OfType.Named;

    /// <inheritdoc />
    public override string ToString() => $"[{OfType}]";
}
