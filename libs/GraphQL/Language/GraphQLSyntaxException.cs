namespace TokenOptimizer.GraphQL.Language;

/// Thrown by the lexer and parser; the request pipeline turns it into a single GraphQL error.
internal sealed class GraphQLSyntaxException(string message, SourceLocation location)
    : Exception($"Syntax Error: {message}")
{
    public SourceLocation Location { get; } = location;

    public static GraphQLSyntaxException At(string body, int position, string message) =>
        new(message, SourceLocation.FromOffset(body, position));
}
