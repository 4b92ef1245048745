namespace TokenOptimizer.GraphQL;

/// <summary>Any GraphQL type: a named type or a list or non-null wrapper around one.</summary>
public abstract class GraphQLType
{
    private protected GraphQLType()
    {
    }

    /// <summary>The innermost named type, stripping list and non-null wrappers.</summary>
    public abstract NamedType Named { get; }

    /// <summary>Whether values of this type can be used as inputs (scalars, enums, input objects).</summary>
    public bool IsInputType => Named is ScalarType or EnumType or InputObjectType;

    /// <summary>Whether values of this type can be selected as outputs.</summary>
    public bool IsOutputType => Named is not InputObjectType;

    /// <summary>The type without its outer non-null wrapper.</summary>
    public GraphQLType Nullable => this is NonNullType nonNull ? nonNull.OfType : this;

    /// <summary>Prints the type reference in SDL notation, e.g. <c>[User!]!</c>.</summary>
    /// <returns>The SDL notation.</returns>
    public abstract override string ToString();
}
