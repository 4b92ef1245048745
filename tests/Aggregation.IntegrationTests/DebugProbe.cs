using TokenOptimizer.Testing;
using Xunit;
using Xunit.Abstractions;

namespace TokenOptimizer.Aggregation.IntegrationTests;

public sealed class DebugProbe(AggregationHost host, ITestOutputHelper output) : IClassFixture<AggregationHost>
{
    [Fact]
    public async Task Probe()
    {
        var usage = SampleCall();
        await TestUsage.AppendAsync(host.Store, [TestUsage.Ingested(usage)]);
        await Task.Delay(5000);
        foreach (var q in new[] { "SELECT string_agg(name || '=' || last_seq_id, ', ') FROM event_store.mt_event_progression", "SELECT count(*)::text FROM usage_rollup_minute", "SELECT count(*)::text FROM event_store.mt_events", "SELECT coalesce(string_agg(data::text, ' | '), '') FROM event_store.mt_doc_deadletterevent", "SELECT count(*)::text FROM usage_requests" })
        {
            output.WriteLine(q + " => " + await host.ScalarAsync<string>(q));
        }
    }

    private static Contracts.UsageRecorded SampleCall() => TestUsage.Generate(1, seed: 5, from: DateTimeOffset.UtcNow.AddMinutes(-5), span: TimeSpan.FromMinutes(1))[0].Usage;
}
