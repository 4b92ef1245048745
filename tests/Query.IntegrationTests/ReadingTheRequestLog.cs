using System.Text.Json;
using TokenOptimizer.Access;
using TokenOptimizer.Contracts;
using TokenOptimizer.Testing;
using TokenOptimizer.UsageLog;
using Xunit;

namespace TokenOptimizer.Query.IntegrationTests;

/// <summary><c>usageLog</c> pages through exactly the fed calls, newest first, filtered and scoped like every other query.</summary>
public sealed class ReadingTheRequestLog(QueryHost host) : IClassFixture<QueryHost>, IAsyncLifetime
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    // Every test but the one that inserts while paging reads [From, To); that one's inserts come after To.
    private static readonly DateTimeOffset From = TestUsage.Minute(Now.AddDays(-2));
    private static readonly DateTimeOffset To = TestUsage.Minute(Now.AddHours(-1));
    private static readonly List<UsageIngested> Records =
        [.. RequestLogPages.AtWholeMilliseconds(TestUsage.Generate(700, seed: 21, from: From, span: To - From)).Select(WithOneHourWritesWhereItWrites)];
    public Task InitializeAsync() => host.FeedOnceAsync(() => Records);

    public Task DisposeAsync() => Task.CompletedTask;


    // The generator knows neither field: a call that writes to the cache writes half for an hour, and its response names a snapshot.
    private static UsageIngested WithOneHourWritesWhereItWrites(UsageIngested ingested) => ingested.Usage.CacheWriteTokens == 0
        ? ingested
        : ingested with
        {
            Usage = ingested.Usage with { ResponseModel = ingested.Usage.Model + "-20250514", CacheWriteOneHourTokens = ingested.Usage.CacheWriteTokens / 2 },
        };

    [Fact]
    public async Task PagingWithASmallFirst_ReturnsEveryCallOnceNewestFirst()
    {
        var rows = await RequestLogPages.ReadAllAsync(host, host.AdminKey, "usageLog", new { from = From, to = To }, first: 37);

        var expected = RequestLogPages.NewestFirst(Records);
        Assert.Contains(expected, r => !r.Cost.Priced);
        Assert.Contains(expected, r => r.Usage.Outcome == Outcomes.Failed);
        Assert.Contains(expected, r => r.Usage.CacheWriteOneHourTokens > 0 && r.Usage.ResponseModel is not null);
        Assert.Equal(expected.Select(r => r.Usage.RequestId), rows.Select(r => r.GetProperty("requestId").GetString()));
        for (var i = 0; i < expected.Count; i++)
        {
            RequestLogPages.AssertSame(expected[i], rows[i]);
        }
    }

    [Fact]
    public async Task FilterAndTeamScope_KeepOnlyTheirCalls()
    {
        var team = Records.GroupBy(r => r.Usage.Team).OrderByDescending(g => g.Count()).First().Key!;
        var providers = Records.Where(r => r.Usage.Team == team).Select(r => r.Usage.Provider).Distinct().Order().Take(2).ToArray();
        var teamKey = await host.CreateKeyAsync(Role.Read, team);

        var rows = await RequestLogPages.ReadAllAsync(host, teamKey, "usageLog", new { from = From, to = To, providers }, first: 25);
        var otherTeam = await RequestLogPages.ReadAllAsync(host, teamKey, "usageLog", new { from = From, to = To, teams = new[] { "not-" + team } }, first: 25);

        var expected = RequestLogPages.NewestFirst(Records.Where(r => r.Usage.Team == team && providers.Contains(r.Usage.Provider)));
        Assert.True(expected.Count > 25, "the slice should span several pages");
        Assert.True(Records.Count(r => providers.Contains(r.Usage.Provider)) > expected.Count, "other teams use these providers too");
        Assert.Equal(expected.Select(r => r.Usage.RequestId), rows.Select(r => r.GetProperty("requestId").GetString()));
        Assert.Empty(otherTeam);
    }

    [Fact]
    public async Task CallsStoredWhilePaging_NeitherRepeatNorShiftTheLaterPages()
    {
        var filter = new { from = From };
        var query = """
            query($filter: UsageFilter, $after: String) { usageLog(filter: $filter, first: 100, after: $after) { edges { node { requestId } } pageInfo { endCursor } } }
            """;
        var first = (await host.DataAsync(host.AdminKey, query, new { filter, after = (string?)null })).GetProperty("usageLog");

        // Given newer calls stored after the first page was read
        var newer = RequestLogPages.AtWholeMilliseconds(TestUsage.Generate(30, seed: 22, from: Now.AddMinutes(-50), span: TimeSpan.FromMinutes(40)));
        await host.FeedAsync(newer);
        var rest = await ReadFromAsync(query, filter, first.GetProperty("pageInfo").GetProperty("endCursor").GetString());

        var expected = RequestLogPages.NewestFirst(Records).Select(r => r.Usage.RequestId).ToList();
        Assert.Equal(expected, first.GetProperty("edges").EnumerateArray().Select(e => e.GetProperty("node").GetProperty("requestId").GetString()).Concat(rest));
    }

    [Theory]
    [InlineData("first: 0", "first")]
    [InlineData("first: 501", "first")]
    [InlineData("after: \"not a cursor\"", "after")]
    [InlineData("after: \"AAAAAAAAAAAAAAAAAAAAAA-\"", "after")]
    public async Task BadPageArgument_IsRefusedWithAnErrorNamingIt(string argument, string name)
    {
        var (status, body) = await host.GraphQLAsync(host.AdminKey, $"{{ usageLog({argument}) {{ edges {{ cursor }} }} }}");

        Assert.Equal(200, status);
        var error = body.GetProperty("errors")[0];
        Assert.StartsWith(name + " ", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("BAD_USER_INPUT", error.GetProperty("extensions").GetProperty("code").GetString());
    }

    private async Task<List<string?>> ReadFromAsync(string query, object filter, string? after)
    {
        var ids = new List<string?>();
        while (after is not null)
        {
            var page = (await host.DataAsync(host.AdminKey, query, new { filter, after })).GetProperty("usageLog");
            ids.AddRange(page.GetProperty("edges").EnumerateArray().Select(e => e.GetProperty("node").GetProperty("requestId").GetString()));
            after = page.GetProperty("pageInfo").GetProperty("endCursor") is { ValueKind: JsonValueKind.String } next ? next.GetString() : null;
        }

        return ids;
    }
}
