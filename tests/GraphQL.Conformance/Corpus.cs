using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace TokenOptimizer.GraphQL.Conformance;

/// <summary>One document of the corpus, with its optional variables and operation name.</summary>
internal sealed record CorpusCase(string Id, string Source, JsonElement? Variables, string? OperationName);

/// <summary>Reads corpus/*.cases exactly as reference.cjs does: a case starts at a line <c>### name</c>.</summary>
internal static partial class Corpus
{
    public static string Directory { get; } = typeof(Corpus).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "ConformanceDirectory").Value!;

    public static IReadOnlyList<CorpusCase> Cases { get; } = Read();

    private static List<CorpusCase> Read()
    {
        var cases = new List<CorpusCase>();
        foreach (var file in System.IO.Directory.GetFiles(Path.Combine(Directory, "corpus"), "*.cases").Order(StringComparer.Ordinal))
        {
            var prefix = Path.GetFileNameWithoutExtension(file);
            var parts = CaseStart().Split(File.ReadAllText(file)).Skip(1);
            foreach (var part in parts)
            {
                var newline = part.IndexOf('\n', StringComparison.Ordinal);
                var name = part[..newline].Trim();
                var source = part[(newline + 1)..];
                var variables = VariablesLine().Match(source);
                var operationName = OperationNameLine().Match(source);
                cases.Add(new CorpusCase(
                    $"{prefix}/{name}",
                    source,
                    variables.Success ? JsonDocument.Parse(variables.Groups[1].Value).RootElement.Clone() : null,
                    operationName.Success ? operationName.Groups[1].Value.Trim() : null));
            }
        }

        return cases;
    }

    [GeneratedRegex("^### ", RegexOptions.Multiline)]
    private static partial Regex CaseStart();

    [GeneratedRegex("^# variables: (.*)$", RegexOptions.Multiline)]
    private static partial Regex VariablesLine();

    [GeneratedRegex("^# operationName: (.*)$", RegexOptions.Multiline)]
    private static partial Regex OperationNameLine();
}
