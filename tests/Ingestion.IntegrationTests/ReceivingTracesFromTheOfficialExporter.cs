using System.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using TokenOptimizer.Catalog;
using Xunit;

namespace TokenOptimizer.Ingestion.IntegrationTests;

/// <summary>An application traced with OpenTelemetry's own SDK and OTLP exporter, sending to the receiver over a real socket.</summary>
public sealed class ReceivingTracesFromTheOfficialExporter(IngestionHost host) : IClassFixture<IngestionHost>
{
    private const string PromptCanary = "PROMPT-CANARY: what is the secret recipe?";
    private const string CompletionCanary = "COMPLETION-CANARY: flour, water, salt.";

    [Fact]
    public async Task GenAiSpans_ArePricedAndStored_AndNoPromptTextIsKept()
    {
        // Given an application whose tracer exports OTLP/HTTP protobuf to the receiver with an ingest key
        using var source = new ActivitySource("tests.otlp." + Guid.NewGuid().ToString("N"));
        using (var tracing = Sdk.CreateTracerProviderBuilder()
            .SetResourceBuilder(ResourceBuilder.CreateEmpty()
                .AddService("checkout-assistant")
                .AddAttributes([new("tokenopt.team", "support"), new("deployment.environment.name", "staging")]))
            .AddSource(source.Name)
            .AddOtlpExporter(otlp =>
            {
                otlp.Protocol = OtlpExportProtocol.HttpProtobuf;
                otlp.Endpoint = new Uri(host.Url, "/v1/traces");
                otlp.Headers = $"Authorization=Bearer {host.IngestKey}";
            })
            .Build())
        {
            // When it makes two chat calls, with their prompts and completions on the spans, inside a request span
            List<(Activity Span, long Input, long Output)> calls = [];
            using (source.StartActivity("POST /checkout", ActivityKind.Server))
            {
                foreach (var (input, output) in new[] { (1_200L, 300L), (800L, 40L) })
                {
                    using var call = source.StartActivity("chat gpt-4o", ActivityKind.Client)!;
                    call.SetTag("gen_ai.operation.name", "chat");
                    call.SetTag("gen_ai.provider.name", "openai");
                    call.SetTag("gen_ai.request.model", "gpt-4o");
                    call.SetTag("gen_ai.response.model", "gpt-4o-2024-08-06");
                    call.SetTag("gen_ai.usage.input_tokens", input);
                    call.SetTag("gen_ai.usage.output_tokens", output);
                    call.SetTag("gen_ai.prompt", PromptCanary);
                    call.SetTag("gen_ai.completion", CompletionCanary);
                    call.SetTag("gen_ai.input.messages", $$"""[{"role":"user","parts":[{"type":"text","content":"{{PromptCanary}}"}]}]""");
                    call.SetTag("gen_ai.system_instructions", PromptCanary);
                    call.AddEvent(new ActivityEvent("gen_ai.content.prompt", tags: new ActivityTagsCollection { ["gen_ai.prompt"] = PromptCanary }));
                    calls.Add((call, input, output));
                }
            }

            Assert.True(tracing.ForceFlush(30_000), "The exporter did not flush.");

            // Then each call is stored, priced as the catalog prices it, with the resource's feature, team and environment
            var catalog = ModelCatalog.LoadDefault();
            var key = catalog.ResolveModel("openai", "gpt-4o-2024-08-06")!;
            foreach (var (span, input, output) in calls)
            {
                var requestId = $"otlp-{span.TraceId.ToHexString()}-{span.SpanId.ToHexString()}";
                UsageLog.UsageIngested? ingested = null;
                await host.WaitUntilAsync(async () => (ingested = await host.FindIngestedAsync("support", requestId)) is not null, $"{requestId} is stored");
                var rates = catalog.FindPrice(key, span.StartTimeUtc)!.Standard;
                Assert.Equal(rates.Input!.Value * input + rates.Output!.Value * output, ingested!.Cost.TotalUsd);
                Assert.True(ingested.Cost.Priced);
                Assert.Equal("otlp", ingested.Source);
                var usage = ingested.Usage;
                Assert.Equal(("openai", "gpt-4o", "gpt-4o-2024-08-06"), (usage.Provider, usage.Model, usage.ResponseModel));
                Assert.Equal((input, output), (usage.InputTokens, usage.OutputTokens));
                Assert.Equal(("checkout-assistant", "support", "staging"), (usage.Feature, usage.Team, usage.Environment));
                Assert.Equal(new DateTimeOffset(span.StartTimeUtc), usage.OccurredAt);
                Assert.Equal(span.Duration.TotalMilliseconds, usage.LatencyMs, precision: 6);
                Assert.Equal("succeeded", usage.Outcome);
            }
        }

        // And no prompt or completion text is anywhere in the event log or the quarantine
        Assert.Equal(0, await CountRowsMentioningAsync(UsageLog.EventStoreTables.Events, "data::text"));
        Assert.Equal(0, await CountRowsMentioningAsync("ingestion_quarantine", "ingestion_quarantine::text"));
    }

    private async Task<long> CountRowsMentioningAsync(string table, string text)
    {
        await using var command = host.DataSource.CreateCommand($"SELECT count(*) FROM {table} WHERE {text} LIKE '%CANARY%'");
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
