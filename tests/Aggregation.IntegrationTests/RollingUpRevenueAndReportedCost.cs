using Marten;
using TokenOptimizer.Aggregation.RunningProjections;
using TokenOptimizer.ReadModels;
using TokenOptimizer.Testing;
using TokenOptimizer.UsageLog;
using Xunit;

namespace TokenOptimizer.Aggregation.IntegrationTests;

/// <summary>
/// The rollups keep, beside the billed amounts and reported costs of every call, those of the calls we priced together
/// with our cost of the same calls (<c>billed_priced_*</c>, <c>reported_priced_*</c>): what margin and the reported-vs-computed
/// comparison are over.
/// </summary>
public sealed class RollingUpRevenueAndReportedCost
{
    private const string Measures = """
        sum(billed_priced_count)::text || '/' || sum(billed_priced_amount_usd)::text || '/' || sum(billed_priced_cost_usd)::text || '/'
        || sum(reported_priced_count)::text || '/' || sum(reported_priced_usd)::text || '/' || sum(reported_priced_cost_usd)::text
        """;

    private static readonly string[] Tables = [.. RollupGranularity.All.SelectMany(g => new[] { g.Table, g.TotalsTable })];

    [Fact]
    public async Task PricedCallsWithABilledAmountOrAReportedCost_AreSummedWithOurCostOfThem_InEveryTable()
    {
        // Given calls of which some carry a billed amount, some a reported cost, and some could not be priced
        await using var database = await TestDatabase.CreateAsync();
        var events = TestUsage.Generate(2_000, seed: 41);
        await TestUsage.AppendAsync(database.Store, events);

        // When the rollups catch up
        await database.Daemon(database.Rollups()).CatchUpAsync();

        // Then every table (and every dimension's rows) holds the sums over the priced calls only
        var expected = Expected(events);
        foreach (var table in Tables)
        {
            Assert.Equal(expected, await SumsAsync(database, table, ""));
        }

        foreach (var granularity in RollupGranularity.All)
        {
            foreach (var dimension in UsageRollupTables.DimensionColumns)
            {
                Assert.Equal(expected, await SumsAsync(database, granularity.DimensionTable, $"WHERE dimension = '{dimension}'"));
            }
        }
    }

    [Fact]
    public async Task RepricingAnUnpricedCall_BringsItsBilledAmountAndReportedCostIntoTheComparison_AndRepricingAPricedOneMovesOurCost()
    {
        // Given a billed and reported call we could not price, and another we priced
        await using var database = await TestDatabase.CreateAsync();
        var template = TestUsage.Generate(2, seed: 43).Select(e => e.Usage with { BilledAmountUsd = 0.05m, ReportedCostUsd = 0.004m }).ToList();
        var unpriced = TestUsage.Ingested(template[0], priced: false);
        var priced = TestUsage.Ingested(template[1]);
        await TestUsage.AppendAsync(database.Store, [unpriced, priced]);

        // When the first is priced and the second re-priced at half its price
        var nowPriced = TestUsage.CostOf(unpriced.Usage, 1m);
        var halved = TestUsage.CostOf(priced.Usage, 0.5m);
        await database.Store.AppendAnyAsync(UsageStreams.For(unpriced.Usage), Repricing(unpriced, unpriced.Cost, nowPriced));
        await database.Store.AppendAnyAsync(UsageStreams.For(priced.Usage), Repricing(priced, priced.Cost, halved));
        await database.Daemon(database.Rollups()).CatchUpAsync();

        // Then both are compared, at their current cost
        var cost = nowPriced.TotalUsd + halved.TotalUsd;
        Assert.Equal(Normalised($"2/0.10/{cost}/2/0.008/{cost}"), await SumsAsync(database, RollupGranularity.Day.TotalsTable, ""));
    }

    [Fact]
    public async Task RollupsMadeBeforeTheColumns_GetThem_AndAreRebuiltSoTheyAreFilled()
    {
        // Given rollups caught up by a version that had no billed_priced_* or reported_priced_* columns
        await using var database = await TestDatabase.CreateAsync();
        var events = TestUsage.Generate(1_000, seed: 45);
        await TestUsage.AppendAsync(database.Store, events);
        var daemon = database.Daemon(database.Rollups());
        await daemon.CatchUpAsync();
        string[] added = ["billed_priced_count", "reported_priced_count", "billed_priced_amount_usd", "billed_priced_cost_usd", "reported_priced_usd", "reported_priced_cost_usd"];
        var tables = RollupGranularity.All.SelectMany(g => new[] { g.Table, g.TotalsTable, g.DimensionTable }).ToList();
        var retired = tables.Select(t => t + "_retired");
        await database.ScalarAsync<int>(string.Concat(tables.Concat(retired).Select(t => $"ALTER TABLE {t} {string.Join(", ", added.Select(c => "DROP COLUMN " + c))};")) + "SELECT 1");

        // When the service starts on it
        await new AggregationSchema(database.Store, database.DataSource, new ProjectionCatalog(TestDatabase.AllReadModels())).StartAsync(CancellationToken.None);

        // Then the rollups start again from the first event, and catching up fills the new columns
        Assert.Equal(0, await daemon.ReadCheckpointAsync());
        await daemon.CatchUpAsync();
        Assert.Equal(events.Count, await database.ScalarAsync<decimal>($"SELECT sum(request_count) FROM {RollupGranularity.Day.TotalsTable}"));
        foreach (var table in Tables)
        {
            Assert.Equal(Expected(events), await SumsAsync(database, table, ""));
        }
    }

    // The sums Measures reads, worked out from the events themselves.
    private static string Expected(List<UsageIngested> events)
    {
        var billed = events.Where(e => e.Cost.Priced && e.Usage.BilledAmountUsd is not null).ToList();
        var reported = events.Where(e => e.Cost.Priced && e.Usage.ReportedCostUsd is not null).ToList();
        Assert.NotEmpty(billed);
        Assert.NotEmpty(reported);
        Assert.Contains(events, e => !e.Cost.Priced && e.Usage.BilledAmountUsd is not null);
        return Normalised($"{billed.Count}/{billed.Sum(e => e.Usage.BilledAmountUsd!.Value)}/{billed.Sum(e => e.Cost.TotalUsd)}/"
            + $"{reported.Count}/{reported.Sum(e => e.Usage.ReportedCostUsd!.Value)}/{reported.Sum(e => e.Cost.TotalUsd)}");
    }

    private static async Task<string> SumsAsync(TestDatabase database, string table, string where) =>
        Normalised(await database.ScalarAsync<string>($"SELECT {Measures} FROM {table} {where}"));

    // Each figure as a number without trailing zeros: PostgreSQL and .NET keep different scales for the same sum.
    private static string Normalised(string sums) =>
        string.Join('/', sums.Split('/').Select(s => decimal.Parse(s, System.Globalization.CultureInfo.InvariantCulture).ToString("0.############################", System.Globalization.CultureInfo.InvariantCulture)));

    private static UsageRepriced Repricing(UsageIngested call, UsageCost previous, UsageCost current) => new()
    {
        RequestId = call.Usage.RequestId, OccurredAt = call.Usage.OccurredAt, Previous = previous, Current = current,
        Reason = "test", RepricedAt = call.IngestedAt,
    };
}
