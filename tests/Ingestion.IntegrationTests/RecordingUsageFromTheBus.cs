using TokenOptimizer.Contracts;
using Xunit;

namespace TokenOptimizer.Ingestion.IntegrationTests;

public sealed class RecordingUsageFromTheBus(IngestionHost host) : IClassFixture<IngestionHost>
{
    [Fact]
    public async Task PublishedRecord_IsPricedAndStored()
    {
        var record = SampleUsage.Gpt4o();

        await host.Bus.Publish(record);

        await host.WaitUntilAsync(async () => await host.FindIngestedAsync(record) is not null, "the published record should be stored");
        var ingested = await host.FindIngestedAsync(record);
        Assert.Equal(SampleUsage.Gpt4oCostUsd, ingested!.Cost.TotalUsd);
        Assert.Equal("bus", ingested.Source);
    }

    [Fact]
    public async Task PublishedBatch_IsStored()
    {
        var records = Enumerable.Range(0, 50).Select(_ => SampleUsage.Gpt4o()).ToList();

        await host.Bus.Publish(new UsageBatchRecorded { Records = records });

        await host.WaitUntilAsync(async () => await host.FindIngestedAsync(records[^1]) is not null, "the batch should be stored");
        foreach (var record in records)
        {
            Assert.Equal(1, await host.CountStreamEventsAsync(record));
        }
    }

    [Fact]
    public async Task RecordDeliveredByBusAndHttp_IsStoredOnce()
    {
        var record = SampleUsage.Gpt4o();
        await host.Http.PostAsync("/v1/usage", System.Net.Http.Json.JsonContent.Create(record));

        await host.Bus.Publish(record);
        var marker = SampleUsage.Gpt4o();
        await host.Bus.Publish(marker);

        // The marker, published after the duplicate on the same queue, shows the duplicate was consumed.
        await host.WaitUntilAsync(async () => await host.FindIngestedAsync(marker) is not null, "the marker should be stored");
        Assert.Equal(1, await host.CountStreamEventsAsync(record));
    }

    [Fact]
    public async Task InvalidPublishedRecord_IsQuarantined()
    {
        var record = SampleUsage.Gpt4o() with { OutputTokens = -3 };

        await host.Bus.Publish(record);

        await host.WaitUntilAsync(async () => await host.CountQuarantinedAsync(record.RequestId) == 1, "the invalid record should be quarantined");
        Assert.Equal(0, await host.CountStreamEventsAsync(record));
    }
}
