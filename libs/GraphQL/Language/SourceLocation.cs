namespace TokenOptimizer.GraphQL;

/// <summary>A one-based line and column in a GraphQL document, as reported in <c>errors[].locations</c>.</summary>
/// <param name="Line">One-based line number.</param>
/// <param name="Column">One-based column number.</param>
public readonly record struct SourceLocation(int Line, int Column)
{
    /// <summary>Computes the line and column of a character offset, counting \r\n, \r and \n as line ends.</summary>
    /// <param name="body">The document text.</param>
    /// <param name="position">Zero-based character offset.</param>
    /// <returns>The location of <paramref name="position"/>.</returns>
    public static SourceLocation FromOffset(string body, int position)
    {
        ArgumentNullException.ThrowIfNull(body);
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < position && i < body.Length; i++)
        {
            var c = body[i];
            if (c == '\n')
            {
                line++;
                lineStart = i + 1;
            }
            else if (c == '\r')
            {
                if (i + 1 < body.Length && body[i + 1] == '\n')
                {
                    i++;
                }

                line++;
                lineStart = i + 1;
            }
        }

        return new SourceLocation(line, position + 1 - lineStart);
    }
}
