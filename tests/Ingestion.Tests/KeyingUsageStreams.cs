using TokenOptimizer.UsageLog;
using Xunit;

namespace TokenOptimizer.Ingestion.Tests;

/// <summary>A call's stream is named by its team and request id, so each pair has exactly one stream and each stream one pair.</summary>
public sealed class KeyingUsageStreams
{
    // Parts chosen to collide under a naive "team:requestId" join: separators, digits that look like a length, the empty team.
    private static readonly string?[] Teams = [null, "", ":", "a", "a:", "1", "1:a", "a:1:b", "usage:", "ä:漢", " "];
    private static readonly string[] RequestIds = ["r", ":", "1", "a:r", "1:a:r", "b:c", "::", "r:0::", "漢字"];

    [Fact]
    public void DistinctTeamAndRequestId_GetDistinctStreams()
    {
        var pairs = Teams.Select(t => t ?? "").Distinct().SelectMany(t => RequestIds.Select(r => (Team: t, RequestId: r))).ToList();

        var streams = pairs.Select(p => UsageStreams.For(p.Team, p.RequestId)).ToList();

        Assert.Equal(pairs.Count, streams.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void NoTeam_AndAnEmptyTeam_AreOneScope()
    {
        Assert.Equal(UsageStreams.For(null, "r-1"), UsageStreams.For("", "r-1"));
        Assert.NotEqual(UsageStreams.For(null, "r-1"), UsageStreams.For(" ", "r-1"));
    }

    [Fact]
    public void StreamId_ParsesBackToItsTeamAndRequestId()
    {
        foreach (var team in Teams)
        {
            foreach (var requestId in RequestIds)
            {
                Assert.True(UsageStreams.TryParse(UsageStreams.For(team, requestId), out var parsedTeam, out var parsedRequestId));
                Assert.Equal((team ?? "", requestId), (parsedTeam, parsedRequestId));
            }
        }
    }

    [Theory]
    [InlineData(UsageStreams.ModelPrices)]
    [InlineData("usage-r-1")]
    [InlineData("usage:")]
    [InlineData("usage:x:a:r")]
    [InlineData("usage:5:ab:r")]
    [InlineData("usage:2:ab")]
    public void OtherStreams_DoNotParse(string streamId) => Assert.False(UsageStreams.TryParse(streamId, out _, out _));
}
