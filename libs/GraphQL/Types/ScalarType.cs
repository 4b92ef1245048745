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
