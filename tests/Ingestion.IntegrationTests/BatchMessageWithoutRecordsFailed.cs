using System.Net.Http.Json;
using TokenOptimizer.Contracts;
using TokenOptimizer.Ingestion.RedeliveringFaultedMessages;
using Xunit;

namespace TokenOptimizer.Ingestion.IntegrationTests;

/// <summary>
/// Regression (issue #15): a <see cref="UsageBatchRecorded"/> whose <c>records</c> was null (or held a null) failed with
/// a NullReferenceException and was parked in <c>_error</c>; one of more than 1,000 records went to the append whole.
/// </summary>
public sealed class BatchMessageWithoutRecordsFailed(IngestionHost host) : IClassFixture<IngestionHost>
{
    [Fact]
    public async Task NullRecords_StoreNothing_AndParkNothing()
    {
        var after = SampleUsage.Gpt4o();

        await host.Bus.Publish(new UsageBatchRecorded { Records = null! });
        await host.Bus.Publish(new UsageBatchRecorded { Records = [null!, after] });

        await host.WaitUntilAsync(async () => await host.FindIngestedAsync(after) is not null, "the record beside the null one should be stored");
        Assert.Equal(0, (await host.Http.GetFromJsonAsync<FaultedMessages>("/v1/admin/faulted-messages"))!.Total);
    }

    [Fact]
    public async Task MoreThanTheBatchLimit_IsStoredWhole_InChunks()
    {
        var records = Enumerable.Range(0, UsageLimits.MaxBatchSize + 500).Select(_ => SampleUsage.Gpt4o()).ToList();

        await host.Bus.Publish(new UsageBatchRecorded { Records = records });

        await host.WaitUntilAsync(async () => await host.FindIngestedAsync(records[^1]) is not null, "the last record should be stored");
        foreach (var record in records.Take(UsageLimits.MaxBatchSize + 1))
        {
            Assert.NotNull(await host.FindIngestedAsync(record));
        }
    }
}
