using System.Text.RegularExpressions;

namespace TokenOptimizer.SystemTests.UsingThePythonSdk;

/// <summary>
/// What <c>python3 -m unittest -v</c> said about each test case: its verdict line (<c>name (module.Class.name) ... ok</c>)
/// and, for a failure or error, its traceback section.
/// </summary>
public sealed partial class UnittestReport(string output)
{
    public string Output { get; } = output;

    /// <summary>The case's verdict (<c>ok</c>, <c>FAIL</c>, <c>ERROR</c>, <c>skipped '…'</c>), or null when it did not run.</summary>
    public string? VerdictOf(string testId) =>
        VerdictLine().Matches(Output).FirstOrDefault(m => IdOf(m.Groups["name"].Value, m.Groups["where"].Value) == testId)?.Groups["verdict"].Value;

    /// <summary>The case's traceback section (<c>FAIL: name (…)</c> up to the next rule), empty when it has none.</summary>
    public string DetailsOf(string testId) =>
        Output.Split(SectionRule).Select(section => section.Trim()).FirstOrDefault(section =>
            HeaderLine().Match(section) is { Success: true } header && IdOf(header.Groups["name"].Value, header.Groups["where"].Value) == testId) ?? "";

    private const string SectionRule = "======================================================================";

    // Python 3.11 writes "name (module.Class.name)"; 3.9 and 3.10 write "name (module.Class)".
    private static string IdOf(string name, string where) => where.EndsWith("." + name, StringComparison.Ordinal) ? where : where + "." + name;

    [GeneratedRegex(@"^(?<name>\w+) \((?<where>[\w.]+)\)(?:\n[^\n]*?)? \.\.\. (?<verdict>ok|FAIL|ERROR|skipped.*|expected failure|unexpected success)\r?$", RegexOptions.Multiline)]
    private static partial Regex VerdictLine();

    [GeneratedRegex(@"^(?:FAIL|ERROR): (?<name>\w+) \((?<where>[\w.]+)\)")]
    private static partial Regex HeaderLine();
}
