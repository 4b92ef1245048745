using System.Globalization;
using System.Net;
using System.Text.Json;
using TokenOptimizer.Access;
using TokenOptimizer.Contracts;
using TokenOptimizer.Testing;
using TokenOptimizer.UsageLog;
using Xunit;
using static TokenOptimizer.Testing.ExportRequests;

namespace TokenOptimizer.Query.IntegrationTests;

/// <summary>The CSV exports hold exactly the filtered calls (or the GraphQL breakdown), only the key's team, and stream.</summary>
public sealed class ExportingCsv(QueryHost host) : IClassFixture<QueryHost>, IAsyncLifetime
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;
    private static readonly DateTimeOffset From = TestUsage.Minute(Now.AddDays(-3));
    private static readonly DateTimeOffset To = From.AddDays(2);
    private static readonly List<UsageIngested> Records = WithAwkwardText(TestUsage.Generate(1_500, seed: 41, from: From, span: To - From));

    // A month back, out of every other test's range: the big export's calls.
    private static readonly DateTimeOffset BigFrom = TestUsage.Minute(Now.AddDays(-30));
    private static readonly DateTimeOffset BigTo = BigFrom.AddDays(1);
    private static readonly List<UsageIngested> BigRecords = TestUsage.Generate(20_000, seed: 42, from: BigFrom, span: BigTo - BigFrom);

    public Task InitializeAsync() => host.FeedOnceAsync(() => [.. Records, .. BigRecords]);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task UsageExport_OfAFilter_EqualsTheRecords()
    {
        var providers = Records.Select(r => r.Usage.Provider).Distinct().Order().Take(2).ToArray();
        var expected = Records.Where(r => providers.Contains(r.Usage.Provider)).ToList();

        using var response = await host.Http.ExportAsync(host.AdminKey, $"/export/usage.csv?from={Iso(From)}&to={Iso(To)}&providers={string.Join(',', providers)}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Equal($"attachment; filename=\"usage-{Stamp(From)}-{Stamp(To)}.csv\"", response.Content.Headers.ContentDisposition?.ToString());
        var rows = CsvFile.Rows(await response.Content.ReadAsStringAsync());
        Assert.True(Records.Count > expected.Count && expected.Count > 100, "the filter should keep some calls and drop others");
        Assert.Equal(expected.Count, rows.Count);
        Assert.Equal(expected.Select(r => r.Usage.RequestId).Order(StringComparer.Ordinal), rows.Select(r => r["request_id"]).Order(StringComparer.Ordinal));
        Assert.Equal(expected.Where(r => r.Cost.Priced).Sum(r => r.Cost.TotalUsd), rows.Where(r => r["cost_usd"] != "").Sum(r => decimal.Parse(r["cost_usd"], CultureInfo.InvariantCulture)));
        Assert.Equal(expected.Count(r => !r.Cost.Priced), rows.Count(r => r["cost_usd"] == ""));
        Assert.Equal(expected.Sum(r => r.Usage.InputTokens), rows.Sum(r => long.Parse(r["input_tokens"], CultureInfo.InvariantCulture)));
        Assert.Equal(rows.Select(r => DateTimeOffset.Parse(r["occurred_at"], CultureInfo.InvariantCulture)).Order(), rows.Select(r => DateTimeOffset.Parse(r["occurred_at"], CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task UsageExport_QuotesAndDefusesText()
    {
        using var response = await host.Http.ExportAsync(host.AdminKey, $"/export/usage.csv?from={Iso(From)}&to={Iso(To)}&outcomes=failed");

        var messages = CsvFile.Rows(await response.Content.ReadAsStringAsync()).ToDictionary(r => r["request_id"], r => r["error_message"]);
        Assert.Equal("'=HYPERLINK(\"http://example.com\")", messages[Records[0].Usage.RequestId]);
        Assert.Equal("upstream said \"no\", then\nclosed", messages[Records[1].Usage.RequestId]);
    }

    [Fact]
    public async Task TeamScopedKey_ExportsItsTeamOnly()
    {
        var team = Records.GroupBy(r => r.Usage.Team).OrderByDescending(g => g.Count()).First().Key!;
        var teamKey = await host.CreateKeyAsync(Role.Read, team);

        using var usage = await host.Http.ExportAsync(teamKey, $"/export/usage.csv?from={Iso(From)}&to={Iso(To)}");
        using var widened = await host.Http.ExportAsync(teamKey, $"/export/usage.csv?from={Iso(From)}&to={Iso(To)}&teams=not-{team}");
        using var byTeam = await host.Http.ExportAsync(teamKey, $"/export/cost-breakdown.csv?by=team&from={Iso(From)}&to={Iso(To)}");

        var rows = CsvFile.Rows(await usage.Content.ReadAsStringAsync());
        Assert.Equal(Records.Where(r => r.Usage.Team == team).Select(r => r.Usage.RequestId).Order(StringComparer.Ordinal), rows.Select(r => r["request_id"]).Order(StringComparer.Ordinal));
        Assert.All(rows, r => Assert.Equal(team, r["team"]));
        Assert.Empty(CsvFile.Rows(await widened.Content.ReadAsStringAsync()));
        Assert.Equal([team], CsvFile.Rows(await byTeam.Content.ReadAsStringAsync()).Select(r => r["team"]));
    }

    [Fact]
    public async Task WithoutAKey_IsUnauthorizedAndWithAnIngestKey_Forbidden()
    {
        var ingestKey = await host.CreateKeyAsync(Role.Ingest);

        using var anonymous = await host.Http.ExportAsync(null, "/export/usage.csv");
        using var ingest = await host.Http.ExportAsync(ingestKey, "/export/usage.csv");
        using var ingestBreakdown = await host.Http.ExportAsync(ingestKey, "/export/cost-breakdown.csv?by=model");

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, ingest.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, ingestBreakdown.StatusCode);
    }

    [Theory]
    [InlineData("usage.csv?range=LAST_YEAR", "range")]
    [InlineData("usage.csv?range=LAST_7_DAYS&from=2026-01-01", "range")]
    [InlineData("usage.csv?from=yesterday", "from")]
    [InlineData("usage.csv?from=2026-02-01&to=2026-01-01", "from")]
    [InlineData("usage.csv?to=2026-01-01&to=2026-01-02", "to")]
    [InlineData("usage.csv?providers=", "providers")]
    [InlineData("usage.csv?team=checkout", "team")]
    [InlineData("cost-breakdown.csv?by=colour", "by")]
    [InlineData("cost-breakdown.csv?range=LAST_7_DAYS", "by")]
    [InlineData("cost-breakdown.csv?by=model&from=2024-01-01&to=2026-12-31", "from")]
    public async Task BadParameter_IsRefusedWithProblemDetailsNamingIt(string pathAndQuery, string parameter)
    {
        using var response = await host.Http.ExportAsync(host.AdminKey, "/export/" + pathAndQuery);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal([parameter], problem.GetProperty("errors").EnumerateObject().Select(p => p.Name));
        Assert.StartsWith(parameter + " ", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CostBreakdownExport_EqualsTheGraphQLCostBreakdown()
    {
        var environments = Records.Select(r => r.Usage.Environment).Distinct().Order().Take(2).ToArray();

        using var response = await host.Http.ExportAsync(host.AdminKey, $"/export/cost-breakdown.csv?by=model&from={Iso(From)}&to={Iso(To)}&environments={string.Join(',', environments)}");
        var data = await host.DataAsync(host.AdminKey, """
            query($filter: UsageFilter) { costBreakdown(by: MODEL, filter: $filter) {
              key costUsd share requests inputTokens outputTokens totalTokens unpricedRequests costPerRequestUsd previousCostUsd trendPercent } }
            """, new { filter = new { from = From, to = To, environments } });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"attachment; filename=\"cost-by-model-{Stamp(From)}-{Stamp(To)}.csv\"", response.Content.Headers.ContentDisposition?.ToString());
        var rows = CsvFile.Rows(await response.Content.ReadAsStringAsync());
        var expected = data.GetProperty("costBreakdown").EnumerateArray().ToList();
        Assert.True(expected.Count > 1, "several models");
        Assert.Equal(expected.Count, rows.Count);
        foreach (var (graphql, csv) in expected.Zip(rows))
        {
            Assert.Equal(graphql.GetProperty("key").GetString(), csv["model"]);
            foreach (var (field, column) in new[]
            {
                ("costUsd", "cost_usd"), ("share", "share"), ("requests", "requests"), ("inputTokens", "input_tokens"), ("outputTokens", "output_tokens"),
                ("totalTokens", "total_tokens"), ("unpricedRequests", "unpriced_requests"), ("costPerRequestUsd", "cost_per_request_usd"),
                ("previousCostUsd", "previous_cost_usd"), ("trendPercent", "trend_percent"),
            })
            {
                var value = graphql.GetProperty(field);
                Assert.Equal(value.ValueKind == JsonValueKind.Null ? (decimal?)null : decimal.Parse(value.ToString(), CultureInfo.InvariantCulture),
                    csv[column] == "" ? (decimal?)null : decimal.Parse(csv[column], CultureInfo.InvariantCulture));
            }
        }
    }

    [Fact]
    public async Task LargeExport_StreamsRowsAsItReadsThem()
    {
        using var request = Get(host.AdminKey, $"/export/usage.csv?from={Iso(BigFrom)}&to={Iso(BigTo)}");
        using var response = await host.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        using var body = new StreamReader(await response.Content.ReadAsStreamAsync());

        // Given only the first line read: the export is still reading rows, held up by this slow client
        Assert.StartsWith("request_id,occurred_at,", await body.ReadLineAsync(), StringComparison.Ordinal);
        await Eventually.UntilAsync(ExportWaitsForItsClientAsync, TimeSpan.FromSeconds(20),
            "PostgreSQL should be waiting to send the rest of the rows: a buffered export would have read them all first");

        // When the rest is read, it is every call
        var rows = 0;
        while (await body.ReadLineAsync() is not null)
        {
            rows++;
        }

        Assert.Equal(BigRecords.Count, rows);
    }

    // The export's query is still running, blocked sending rows its reader has not taken (wait event ClientWrite).
    private async Task<bool> ExportWaitsForItsClientAsync()
    {
        await using var command = host.DataSource.CreateCommand("""
            SELECT count(*) FROM pg_stat_activity
            WHERE datname = current_database() AND pid <> pg_backend_pid() AND state = 'active' AND wait_event = 'ClientWrite' AND query LIKE '%FROM usage_requests%'
            """);
        return (long)(await command.ExecuteScalarAsync())! > 0;
    }

    // Text a spreadsheet would run as a formula, and text that needs RFC 4180 quoting.
    private static List<UsageIngested> WithAwkwardText(List<UsageIngested> records)
    {
        string[] messages = ["=HYPERLINK(\"http://example.com\")", "upstream said \"no\", then\nclosed"];
        for (var i = 0; i < messages.Length; i++)
        {
            records[i] = records[i] with
            {
                Usage = records[i].Usage with { Outcome = Outcomes.Failed, ErrorType = ErrorTypes.Other, ErrorCode = "400", ErrorMessage = messages[i] },
            };
        }

        return records;
    }
}
