namespace TokenOptimizer.GraphQL;

/// <summary>One entry of a response's <c>errors</c> list.</summary>
public sealed record GraphQLError
{
    /// <summary>Creates an error.</summary>
    /// <param name="message">Human-readable message.</param>
    /// <param name="locations">Where in the document the error applies.</param>
    /// <param name="path">Response path of the field that failed.</param>
    /// <param name="extensions">Extra data; <c>code</c> classifies the error.</param>
    public GraphQLError(
        string message,
        IReadOnlyList<SourceLocation>? locations = null,
        IReadOnlyList<object>? path = null,
        IReadOnlyDictionary<string, object?>? extensions = null)
    {
        Message = message;
        Locations = locations is { Count: > 0 } ? locations : null;
        Path = path;
        Extensions = extensions;
    }

    /// <summary>Human-readable message.</summary>
    public string Message { get; init; }

    /// <summary>Locations in the document, or null.</summary>
    public IReadOnlyList<SourceLocation>? Locations { get; init; }

    /// <summary>Response path (field names and list indices), or null for request errors.</summary>
    public IReadOnlyList<object>? Path { get; init; }

    /// <summary>Extensions such as <c>code</c>.</summary>
    public IReadOnlyDictionary<string, object?>? Extensions { get; init; }

    /// <summary>The <c>extensions.code</c> value, if any.</summary>
    public string? Code => Extensions?.GetValueOrDefault("code") as string;

    internal GraphQLError WithCode(string code) =>
        Extensions?.ContainsKey("code") == true
            ? this
            : this with { Extensions = new Dictionary<string, object?>(Extensions ?? new Dictionary<string, object?>()) { ["code"] = code } };
}
