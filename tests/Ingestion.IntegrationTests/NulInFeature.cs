using MassTransit;
using TokenOptimizer.Contracts;
using Xunit;

namespace TokenOptimizer.Ingestion.IntegrationTests;

/// <summary>
/// Issue #15: a <c>\u0000</c> in <c>feature</c> got a 500 for the whole request (PostgreSQL cannot store U+0000, 22P05),
/// and on the bus failed every message of the batch it arrived with. Now it is refused naming the field, kept in
/// quarantine (which stores it without the NUL), and the messages beside it are stored: over HTTP, OTLP and the bus.
/// </summary>
public sealed class NulInFeature(IngestionHost host) : IClassFixture<IngestionHost>
{
    [Fact]
    public async Task OverHttp_Gets400NamingFeature_AndIsQuarantined()
    {
        var requestId = "nul-http-" + Guid.NewGuid().ToString("N");

        var response = await RawUsage.PostAsync(host.Http, RawUsage.Record(requestId, ("feature", "\"support\\u0000chat\"")));

        var errors = await RawUsage.ErrorsAsync(response);
        Assert.Contains("control character", Assert.Single(errors["feature"]), StringComparison.Ordinal);
        Assert.Equal(1, await host.CountQuarantinedAsync(requestId));
        Assert.Equal(0, await host.CountStreamEventsAsync(null, requestId));
    }

    [Fact]
    public async Task OverOtlp_IsRefusedInThePartialSuccess_AndTheSpanBesideItIsStored()
    {
        var good = OtlpRequests.Span(TimeSpan.FromSeconds(1), OtlpRequests.Chat("openai", "gpt-4o", 100, 10));
        var bad = OtlpRequests.Span(TimeSpan.FromSeconds(1), [.. OtlpRequests.Chat("openai", "gpt-4o", 100, 10), ("tokenopt.feature", "support\0chat")]);

        var response = await host.Http.PostAsync("/v1/traces", OtlpRequests.Body(OtlpRequests.Export([("service.name", "nul-test")], good, bad)));

        var answer = await OtlpRequests.ReadResponseAsync(response);
        Assert.Equal(1, answer.PartialSuccess.RejectedSpans);
        Assert.Contains("feature", answer.PartialSuccess.ErrorMessage, StringComparison.Ordinal);
        Assert.NotNull(await host.FindIngestedAsync(null, OtlpRequests.RequestIdOf(good)));
        Assert.Equal(1, await host.CountQuarantinedAsync(OtlpRequests.RequestIdOf(bad)));
    }

    [Fact]
    public async Task OnTheBus_IsQuarantined_AndEveryOtherMessageOfItsBatchIsStored()
    {
        var good = Enumerable.Range(0, 20).Select(_ => SampleUsage.Gpt4o()).ToList();
        var bad = SampleUsage.Gpt4o() with { Feature = "support\0chat" };

        await host.Bus.PublishBatch(good.Take(10).Append(bad).Concat(good.Skip(10)));

        await host.WaitUntilAsync(async () => await host.CountQuarantinedAsync(bad.RequestId) == 1, "the record with a NUL should be quarantined");
        await host.WaitUntilAsync(async () => (await Task.WhenAll(good.Select(g => host.FindIngestedAsync(g)))).All(i => i is not null),
            "every other message should be stored");
        Assert.Equal(0, await host.CountStreamEventsAsync(bad));
    }

    [Fact]
    public async Task InABatchMessage_IsQuarantined_AndTheOtherRecordsAreStored()
    {
        var good = Enumerable.Range(0, 20).Select(_ => SampleUsage.Gpt4o()).ToList();
        var bad = SampleUsage.Gpt4o() with { Feature = "support\0chat" };

        await host.Bus.Publish(new UsageBatchRecorded { Records = [.. good, bad] });

        // The quarantine is written before the batch is appended: wait for both.
        await host.WaitUntilAsync(async () => await host.CountQuarantinedAsync(bad.RequestId) == 1, "the record with a NUL should be quarantined");
        await host.WaitUntilAsync(async () => (await Task.WhenAll(good.Select(g => host.FindIngestedAsync(g)))).All(i => i is not null),
            "every other record of the batch should be stored");
    }
}
