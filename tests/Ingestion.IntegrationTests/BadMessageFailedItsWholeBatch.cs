using System.Net.Http.Json;
using TokenOptimizer.Contracts;
using TokenOptimizer.Ingestion.RedeliveringFaultedMessages;
using Xunit;

namespace TokenOptimizer.Ingestion.IntegrationTests;

/// <summary>
/// Regression: one record that PostgreSQL refuses (a NUL character in <c>feature</c>) failed the whole batch it
/// arrived with, up to 1,000 messages, which all went to the <c>_error</c> queue after their retries.
/// </summary>
public sealed class BadMessageFailedItsWholeBatch(IngestionHost host) : IClassFixture<IngestionHost>
{
    [Fact]
    public async Task UnstorableMessageAmongOthers_IsQuarantinedAloneAndItsBatchMatesStored()
    {
        // Given 100 messages published together, one with a NUL in its feature
        var records = Enumerable.Range(0, 100).Select(_ => SampleUsage.Gpt4o()).ToList();
        var poison = records[37] = records[37] with { Feature = "support\u0000chat" };

        // When Ingestion consumes them (in batches of up to 1,000)
        await Task.WhenAll(records.Select(r => host.Bus.Publish(r)));

        // Then the 99 others are stored, the bad one is quarantined alone, and nothing is parked in _error
        await AssertIsolatedAsync(records, poison);
    }

    [Fact]
    public async Task UnstorableRecordInABatchMessage_IsQuarantinedAloneAndTheOtherRecordsStored()
    {
        // Given one batch message of 50 records (as the SDK's bus transport sends), one with a NUL in its feature
        var records = Enumerable.Range(0, 50).Select(_ => SampleUsage.Gpt4o()).ToList();
        var poison = records[12] = records[12] with { Feature = "support\u0000chat" };

        // When Ingestion consumes it
        await host.Bus.Publish(new UsageBatchRecorded { Records = records });

        // Then the 49 others are stored, the bad one is quarantined alone, and nothing is parked in _error
        await AssertIsolatedAsync(records, poison);
    }

    private async Task AssertIsolatedAsync(List<UsageRecorded> records, UsageRecorded poison)
    {
        await host.WaitUntilAsync(async () => await host.CountQuarantinedAsync(poison.RequestId) == 1, "the bad record should be quarantined");
        foreach (var record in records.Where(r => r != poison))
        {
            await host.WaitUntilAsync(async () => await host.CountStreamEventsAsync(record) == 1, $"{record.RequestId} should be stored once");
        }

        Assert.Equal(0, await host.CountStreamEventsAsync(poison));
        Assert.Equal(0, (await host.Http.GetFromJsonAsync<FaultedMessages>("/v1/admin/faulted-messages"))!.Total);
    }
}
