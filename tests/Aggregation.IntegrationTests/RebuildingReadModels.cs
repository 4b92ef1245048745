using System.Net;
using System.Net.Http.Json;
using TokenOptimizer.Aggregation.DetectingAnomalies;
using TokenOptimizer.Aggregation.TrackingBudgetSpend;
using TokenOptimizer.ReadModels;
using TokenOptimizer.Testing;
using Xunit;

namespace TokenOptimizer.Aggregation.IntegrationTests;

/// <summary>
/// A rebuild (<c>POST /v1/projections/{name}/rebuild</c>) replays every stored event into every read model: what it
/// gives is byte for byte what the live daemon gave while the events arrived in many appends and pages, and the grains
/// it feeds keep their state (they pass over a replay).
/// </summary>
public sealed class RebuildingReadModels(AggregationHost host) : IClassFixture<AggregationHost>
{
    private static readonly string[] ReadModelTables =
    [
        .. RollupGranularity.All.SelectMany(g => new[] { g.Table, g.TotalsTable }),
        RequestLogTable.Name, UserRollupTable.Name,
        ProviderHealthTables.AvailabilityMinute, BudgetSpendTables.Definitions, BudgetSpendTables.SpendByScopeHour,
        // The circuits, incidents and budgets' period spend are the grains' state: a rebuild's replay changes none of it.
        GrainStateTable.Name,
        AnomaliesTable.Name, AnomalyTables.HourlyTotals,
    ];

    [Fact]
    public async Task RebuildThroughTheApi_GivesByteIdenticalReadModelsToTheLiveRun()
    {
        // Given a budget, and three hours of calls (failures and bursts included) appended in twelve parts while the
        // service's daemon runs, each part applied live before the next arrives
        var budget = await host.Http.PostAsJsonAsync("/v1/budgets", new BudgetTerms
        {
            Name = "Rebuilt", ScopeKind = BudgetScopes.Organization, AmountUsd = 5m, Period = BudgetPeriods.Month,
        });
        Assert.Equal(HttpStatusCode.Created, budget.StatusCode);
        var calls = TestUsage.Generate(6_000, seed: 61, from: DateTimeOffset.UtcNow.AddHours(-3), span: TimeSpan.FromHours(3) - TimeSpan.FromMinutes(1));
        foreach (var part in calls.Chunk(500))
        {
            await TestUsage.AppendAsync(host.Store, part);
            await ProjectionsCaughtUp.WaitAsync(host.DataSource, ["read models"], TimeSpan.FromSeconds(60));
        }

        var live = await ReadModelSnapshot.OfAsync(host.DataSource, ReadModelTables);

        // When an admin rebuilds them
        var rebuilt = await host.Http.PostAsync("/v1/projections/usage_rollups/rebuild", null);

        // Then every read model holds exactly what the live run gave it, and the live run did fill them
        Assert.Equal(HttpStatusCode.OK, rebuilt.StatusCode);
        Assert.Equal(live, await ReadModelSnapshot.OfAsync(host.DataSource, ReadModelTables));
        Assert.Contains($"{RequestLogTable.Name}={calls.Count}:", live, StringComparison.Ordinal);
        Assert.DoesNotContain($"{ProviderHealthTables.AvailabilityMinute}=0:", live, StringComparison.Ordinal);
        Assert.DoesNotContain($"{BudgetSpendTables.SpendByScopeHour}=0:", live, StringComparison.Ordinal);
    }
}
