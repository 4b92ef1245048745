namespace TokenOptimizer.GraphQL;

/// <summary>A leaf type whose values are serialised by the scalar itself.</summary>
public abstract class ScalarType : NamedType
{
    /// <summary>Creates a scalar type.</summary>
    /// <param name="name">The type name.</param>
    /// <param name="description">Optional description.</param>
    /// <param name="specifiedByUrl">Optional URL of the scalar's specification, exposed by <c>@specifiedBy</c>.</param>
    protected ScalarType(string name, string? description = null, string? specifiedByUrl = null)
        : base(name, description)
    {
        SpecifiedByUrl = specifiedByUrl;
    }

    /// <summary>URL of the specification of the scalar's format, if any.</summary>
    public string? SpecifiedByUrl { get; }

    /// <summary>Converts a resolved .NET value into its JSON-serialisable form.</summary>
    /// <param name="value">The non-null resolved value.</param>
    /// <returns>A string, number or boolean.</returns>
    /// <exception cref="GraphQLException">The value cannot be represented.</exception>
    public abstract object Serialize(object value);

    /// <summary>Converts a non-null variable value (JSON form: string, number or boolean) into the internal value.</summary>
    /// <param name="value">The input value.</param>
    /// <returns>The internal value.</returns>
    /// <exception cref="GraphQLException">The value is not valid for this scalar.</exception>
    public abstract object ParseValue(object value);

    /// <summary>Converts a non-null literal written in the document into the internal value.</summary>
    /// <param name="literal">The literal.</param>
    /// <returns>The internal value.</returns>
    /// <exception cref="GraphQLException">The literal is not valid for this scalar.</exception>
    public abstract object ParseLiteral(ScalarLiteral literal);
}

/// <summary>The kind of a literal written in a GraphQL document.</summary>
public enum LiteralKind
{
    /// <summary>An integer literal such as <c>42</c>.</summary>
    Int,

    /// <summary>A float literal such as <c>1.5e3</c>.</summary>
    Float,

    /// <summary>A quoted or block string.</summary>
    String,

    /// <summary><c>true</c> or <c>false</c>.</summary>
    Boolean,

    /// <summary>A bare name such as <c>ADMIN</c>.</summary>
    Enum,

    /// <summary>A list literal.</summary>
    List,

    /// <summary>An object literal.</summary>
    Object,
}

/// <summary>A literal as seen by a scalar: its kind and its text (the string value for strings).</summary>
/// <param name="Kind">The literal kind.</param>
/// <param name="Value">The literal text, e.g. <c>42</c>, <c>true</c>, or the unescaped string value.</param>
public readonly record struct ScalarLiteral(LiteralKind Kind, string Value)
{
    /// <summary>The literal as GraphQL source text, used in error messages.</summary>
    /// <returns>The printed literal.</returns>
    public override string ToString() => Kind == LiteralKind.String ? Language.Printer.PrintString(Value) : Value;
}
