namespace TokenOptimizer.GraphQL.Language;

internal sealed record Token(TokenKind Kind, int Start, int End, int Line, int Column, string? Value)
{
    public string Describe() => Value is null ? Kind.Describe() : $"{Kind.Describe()} \"{Value}\"";
}
