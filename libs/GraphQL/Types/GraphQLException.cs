namespace TokenOptimizer.GraphQL;

/// <summary>
/// An error meant for the client: thrown by resolvers and scalars, its message is always exposed,
/// with <see cref="Code"/> as <c>extensions.code</c>.
/// </summary>
public class GraphQLException : Exception
{
    /// <summary>Creates an error with a message and an optional code.</summary>
    /// <param name="message">Message shown to the client.</param>
    /// <param name="code">Value of <c>extensions.code</c>; defaults to the engine's choice.</param>
    /// <param name="extensions">Further entries for <c>extensions</c>.</param>
    public GraphQLException(string message, string? code = null, IReadOnlyDictionary<string, object?>? extensions = null)
        : base(message)
    {
        Code = code;
        Extensions = extensions;
    }

    /// <summary>Creates an error wrapping an inner exception.</summary>
    /// <param name="message">Message shown to the client.</param>
    /// <param name="innerException">The cause, never shown to the client.</param>
    public GraphQLException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The <c>extensions.code</c> value, when set.</summary>
    public string? Code { get; }

    /// <summary>Further <c>extensions</c> entries.</summary>
    public IReadOnlyDictionary<string, object?>? Extensions { get; }
}
