namespace TokenOptimizer.GraphQL.Language;

/// Thrown by the lexer and parser; the request pipeline turns it into a single GraphQL error.
internal sealed class GraphQLSyntaxException(string message, SourceLocation location, bool isLimit = false)
    : Exception($"Syntax Error: {message}")
{
    public SourceLocation Location { get; } = location;

    /// True when a protection limit (token count) stopped the parser rather than bad syntax.
    public bool IsLimit { get; } = isLimit;

    public static GraphQLSyntaxException At(string body, int position, string message) =>
        new(message, SourceLocation.FromOffset(body, position));
}
