using System.Text;
using Xunit;

namespace TokenOptimizer.Testing;

/// <summary>Reads the CSV files the exports write, strictly, so a malformed file fails the test.</summary>
public static class CsvFile
{
    /// <summary>The data rows of an RFC 4180 file, by header name; fails unless every row ends with CRLF and has every column.</summary>
    public static List<Dictionary<string, string>> Rows(string text)
    {
        var lines = new List<List<string>>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c != '"')
                {
                    field.Append(c);
                }
                else if (i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else
                {
                    quoted = false;
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                row.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                row.Add(field.ToString());
                field.Clear();
                lines.Add(row);
                row = [];
                i++;
            }
            else
            {
                field.Append(c);
            }
        }

        Assert.True(row.Count == 0 && field.Length == 0 && !quoted, "the file should end with a complete row");
        var header = lines[0];
        Assert.All(lines, l => Assert.Equal(header.Count, l.Count));
        return lines.Skip(1).Select(l => header.Zip(l).ToDictionary(p => p.First, p => p.Second)).ToList();
    }
}
