using System.Text.Json;
using TokenOptimizer.Contracts;
using TokenOptimizer.Ingestion.RecordingUsage;
using Xunit;

namespace TokenOptimizer.Ingestion.Tests;

public sealed class ScopingIngestKeysToATeam
{
    private static IncomingUsage Record(string? team) => IncomingUsage.Parsed(new UsageRecorded
    {
        RequestId = "req-" + team,
        OccurredAt = new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero),
        Provider = "openai",
        Model = "gpt-4o",
        Team = team,
        InputTokens = 10,
        OutputTokens = 5,
        LatencyMs = 100,
        Outcome = Outcomes.Succeeded,
    });

    [Fact]
    public void RecordsOfTheKeysTeam_AreAllInScope() =>
        Assert.Empty(TeamScope.Violations([Record("support"), Record("support")], "support"));

    [Fact]
    public void AnotherTeam_NoTeam_AndADifferentCase_AreEachNamedByIndex()
    {
        var violations = TeamScope.Violations([Record("support"), Record("search"), Record(null), Record(""), Record("Support")], "support");

        Assert.Equal([1, 2, 3, 4], violations.Select(v => v.Index));
        Assert.Contains("team 'search'", violations[0].Message, StringComparison.Ordinal);
        Assert.Contains("names no team", violations[1].Message, StringComparison.Ordinal);
        Assert.Contains("names no team", violations[2].Message, StringComparison.Ordinal);
        Assert.Contains("team 'Support'", violations[3].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnparseableRecord_IsLeftToTheUsualRejection()
    {
        using var document = JsonDocument.Parse("""{"requestId": "req-1", "inputTokens": "many", "team": "search"}""");

        var unparsed = UsageJson.Read(document.RootElement);

        Assert.Null(unparsed.Record);
        Assert.Empty(TeamScope.Violations([unparsed], "support"));
    }
}
