using System.Diagnostics;
using TokenOptimizer.Access;
using TokenOptimizer.Contracts;
using TokenOptimizer.SystemTests.Running;
using TokenOptimizer.Testing;
using Xunit;
using Xunit.Abstractions;

namespace TokenOptimizer.SystemTests.SurvivingFailover;

/// <summary>
/// Two Aggregation instances (the app host's <c>--replicas 2</c>) in a system of the test's own, a producer posting over
/// HTTP at a steady rate, and the instance running most projections killed with SIGKILL mid-traffic: its projections
/// move to the survivor, a provider's circuit and a budget read from the survivor keep the state they had, and every
/// surface ends equal to what was sent. Measured only through the product's surfaces (<c>GET /v1/projections</c>,
/// <c>/v1/providers/health</c> and <c>/v1/budgets</c> on each instance, Query's GraphQL and CSV export), so it holds
/// whatever daemon runs the projections and wherever the per-provider and per-budget state lives.
/// </summary>
[Collection(InTurnCollection.Name)]
public sealed class KillingAnAggregationInstance(ITestOutputHelper output)
{
    private const string FailingProvider = "failover-down";
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task InstanceRunningProjectionsKilledUnderTraffic_SurvivorTakesThemOverAndNothingIsLostOrDoubled()
    {
        // Given two Aggregation instances, a budget over the organisation, a provider whose circuit opened (its cool-down
        // outlasts the test), and a producer posting 200 records a second over HTTP
        await using var system = await AppHostRun.StartAsync(AppHostRun.LocalProcesses, new Dictionary<string, string>
        {
            ["Logging__LogLevel__Default"] = "Warning",
            ["ProviderHealth__CoolDown"] = "00:30:00",
        }, arguments: ["--replicas", "2"]);
        var instances = await ServiceReplica.RunningAsync(system.App, "aggregation", 2, Patience);
        using var ingestion = new HttpClient { BaseAddress = system.UrlOf("ingestion") };
        var readKey = await ingestion.CreateApiKeyAsync(system.AdminKey, Role.Read);
        using var reader = new HttpClient().WithApiKey(readKey);
        using var admin = new HttpClient().WithApiKey(system.AdminKey);
        var budget = await BudgetSpend.DefineForOrganisationAsync(admin, system.UrlOf("aggregation"), amountUsd: 1_000_000m);
        var producer = new UsageOverHttp(ingestion, await ingestion.CreateApiKeyAsync(system.AdminKey, Role.Ingest));
        var failures = FailedCalls(30);
        await producer.SendAsync(failures, CancellationToken.None);
        await Eventually.UntilAsync(async () => (await ProviderCircuit.ReadAsync(reader, instances[0].Url)).Any(c => c is { Provider: FailingProvider, CircuitState: CircuitStates.Open }),
            Patience, $"{FailingProvider}'s circuit should open");
        var traffic = UsageTraffic.Start(producer.SendAsync, recordsPerSecond: 200, recordsPerSend: 20, seed: 21);

        // When every projection runs on one of them and has applied some of the traffic, and the instance running most is killed
        var seen = new Dictionary<ServiceReplica, IReadOnlyList<ProjectionStatus>>();
        await Eventually.UntilAsync(async () =>
        {
            foreach (var instance in instances)
            {
                seen[instance] = await ProjectionStatus.ReadAsync(reader, instance.Url);
            }

            var running = seen.Values.SelectMany(s => s).Where(p => p.RunsHere && p.Checkpoint > 0).ToList();
            return running.Count == seen[instances[0]].Count && running.DistinctBy(p => p.Name).Count() == running.Count;
        }, Patience, "each projection should run on one instance and apply the traffic");
        var doomed = instances.MaxBy(i => seen[i].Count(p => p.RunsHere))!;
        var survivor = instances.Single(i => i != doomed);
        var moving = seen[doomed].Where(p => p.RunsHere).ToList();
        var circuitBefore = (await ProviderCircuit.ReadAsync(reader, survivor.Url)).Single(c => c.Provider == FailingProvider);
        var budgetBefore = await BudgetSpend.ReadAsync(reader, survivor.Url, budget);
        var sentBeforeKill = traffic.Sent.Count;
        await doomed.KillAsync();
        var sinceKill = Stopwatch.StartNew();
        output.WriteLine($"Killed {doomed.ResourceId} after {sentBeforeKill} records; it ran {string.Join(", ", moving.Select(p => p.Name))}");

        // Then the survivor takes those projections up, and applies everything appended before the kill (their grains included)
        var headAtKill = seen.Values.SelectMany(s => s).Max(p => p.Checkpoint + p.Lag);
        await Eventually.UntilAsync(async () =>
        {
            var now = await ProjectionStatus.ReadAsync(reader, survivor.Url);
            return moving.All(m => now.Single(p => p.Name == m.Name) is { RunsHere: true } p && p.Checkpoint >= headAtKill && p.Checkpoint > m.Checkpoint);
        }, Patience, "the survivor should run the killed instance's projections, through everything appended before the kill");
        output.WriteLine($"Work moved in {sinceKill.Elapsed.TotalSeconds:0.0} s");

        // And the provider's circuit and the budget read from the survivor keep the state they had
        Assert.Equal(circuitBefore, (await ProviderCircuit.ReadAsync(reader, survivor.Url)).Single(c => c.Provider == FailingProvider));
        Assert.True((await BudgetSpend.ReadAsync(reader, survivor.Url, budget)).SpentUsd >= budgetBefore.SpentUsd, "the budget should keep the spend it had");

        // And once the producer has sent on a while and stopped, every surface equals what was sent: nothing lost, nothing
        // doubled, and the budget has spent what the request log prices its period's calls at
        var sentAtTakeOver = traffic.Sent.Count;
        await Eventually.UntilAsync(() => traffic.Sent.Count >= sentAtTakeOver + 600, Patience, "the producer should send on");
        var sent = (await traffic.StopAsync()).Concat(failures).ToList();
        await Eventually.UntilAsync(async () => (await ProjectionStatus.ReadAsync(reader, survivor.Url)).All(p => p.RunsHere && p.Lag == 0),
            Patience, "the survivor should apply everything sent");
        using var query = new HttpClient { BaseAddress = system.UrlOf("query") };
        var outcome = await SurfacesAgainstSent.ReadAsync(query, readKey, sent);
        var budgetAfter = await BudgetSpend.ReadAsync(reader, survivor.Url, budget);
        output.WriteLine($"{outcome}; {traffic.FailedSends} sends retried; the budget spent {budgetBefore.SpentUsd} before the kill, {budgetAfter.SpentUsd} after the traffic");
        Assert.True(sentAtTakeOver > sentBeforeKill, "the producer should have sent while the work moved");
        Assert.Equal(sent.Count, outcome.Sent);
        Assert.Equal((0L, 0L, ""), (outcome.Lost, outcome.Doubled, string.Join("; ", outcome.Mismatches)));
        Assert.Equal(Math.Round(outcome.LoggedCostUsd(budgetAfter.PeriodStart, budgetAfter.PeriodEnd), 2), Math.Round(budgetAfter.SpentUsd, 2));
    }

    // Priced calls that all failed: enough (the circuit's minimum is 20 in its window) to open the provider's circuit.
    private static List<UsageRecorded> FailedCalls(int count)
    {
        var now = DateTimeOffset.UtcNow;
        return [.. Enumerable.Range(0, count).Select(i => new UsageRecorded
        {
            RequestId = $"failing-{Guid.NewGuid():N}", OccurredAt = now.AddMilliseconds(-i * 100), Provider = FailingProvider, Model = "gpt-4o-mini",
            InputTokens = 500, OutputTokens = 0, LatencyMs = 800, Outcome = Outcomes.Failed, ErrorType = ErrorTypes.ServerError, ErrorCode = "503",
        })];
    }
}
