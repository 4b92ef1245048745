using System.Text.Json;

namespace TokenOptimizer.TypeScriptSdk.Tests;

/// <summary>What Vitest's JSON reporter said about each case: its status (<c>passed</c>, <c>failed</c>, <c>skipped</c>, …) and failure messages.</summary>
public sealed class VitestReport
{
    private readonly Dictionary<string, (string Status, string Failures)> _cases = [];

    public VitestReport(string json)
    {
        using var report = JsonDocument.Parse(json);
        foreach (var file in report.RootElement.GetProperty("testResults").EnumerateArray())
        {
            var path = file.GetProperty("name").GetString()!;
            foreach (var test in file.GetProperty("assertionResults").EnumerateArray())
            {
                var failures = string.Join("\n", test.GetProperty("failureMessages").EnumerateArray().Select(message => message.GetString()));
                // As `vitest list` names a case: its describe blocks and its title, joined by " > ".
                var name = string.Join(" > ", test.GetProperty("ancestorTitles").EnumerateArray().Select(title => title.GetString()).Append(test.GetProperty("title").GetString()));
                _cases[VitestCases.IdOf(path, name)] = (test.GetProperty("status").GetString()!, failures);
            }
        }
    }

    /// <summary>An empty report, for a run that wrote none (it failed before its tests ran).</summary>
    public VitestReport()
    {
    }

    public string? StatusOf(string testId) => _cases.TryGetValue(testId, out var result) ? result.Status : null;

    public string FailuresOf(string testId) => _cases.TryGetValue(testId, out var result) ? result.Failures : "";
}
