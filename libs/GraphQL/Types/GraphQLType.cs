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

/// <summary>A type with a name and optional description.</summary>
public abstract class NamedType : GraphQLType
{
    private protected NamedType(string name, string? description)
    {
        Name = name;
        Description = description;
    }

    /// <summary>The type's name.</summary>
    public string Name { get; }

    /// <summary>Human-readable description shown in introspection and SDL.</summary>
    public string? Description { get; }

    /// <inheritdoc />
    public override NamedType Named => this;

    /// <inheritdoc />
    public override string ToString() => Name;
}

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
