using System.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using TokenOptimizer.Contracts;

namespace TokenOptimizer.Bench.IngestThroughput;

/// <summary>
/// Producers instrumented with OpenTelemetry: each record becomes a GenAI span, exported over OTLP/HTTP protobuf by
/// the official exporter in batches of 1,000 to <c>/v1/traces</c>. Four applications export side by side, as the HTTP
/// path sends four batches at a time.
/// </summary>
internal static class OtlpExporting
{
    private const int Applications = 4;

    public static void ExportAll(Uri endpoint, string ingestKey, IReadOnlyList<UsageRecorded> records) =>
        Parallel.For(0, Applications, application =>
        {
            var mine = records.Where((_, index) => index % Applications == application).ToList();
            using var source = new ActivitySource($"bench.otlp.{application}");
            using var tracing = Sdk.CreateTracerProviderBuilder()
                .SetResourceBuilder(ResourceBuilder.CreateEmpty().AddService($"bench-app-{application}"))
                .AddSource(source.Name)
                .AddOtlpExporter(otlp =>
                {
                    otlp.Protocol = OtlpExportProtocol.HttpProtobuf;
                    otlp.Endpoint = endpoint;
                    otlp.Headers = $"Authorization=Bearer {ingestKey}";
                    otlp.TimeoutMilliseconds = 120_000;
                    otlp.BatchExportProcessorOptions = new BatchExportActivityProcessorOptions
                    {
                        MaxQueueSize = Math.Max(mine.Count, UsageLimits.MaxBatchSize),
                        MaxExportBatchSize = UsageLimits.MaxBatchSize,
                        ScheduledDelayMilliseconds = 50,
                    };
                })
                .Build();
            foreach (var record in mine)
            {
                Emit(source, record);
            }

            if (!tracing.ForceFlush(600_000))
            {
                throw new InvalidOperationException($"Application {application} could not export its spans.");
            }
        });

    private static void Emit(ActivitySource source, UsageRecorded record)
    {
        using var span = source.StartActivity(ActivityKind.Client, default(ActivityContext), startTime: record.OccurredAt, name: "chat " + record.Model)!;
        span.SetTag("gen_ai.operation.name", "chat");
        span.SetTag("gen_ai.provider.name", record.Provider);
        span.SetTag("gen_ai.request.model", record.Model);
        span.SetTag("gen_ai.usage.input_tokens", record.InputTokens);
        span.SetTag("gen_ai.usage.output_tokens", record.OutputTokens);
        span.SetTag("gen_ai.usage.cache_read.input_tokens", record.CachedInputTokens);
        span.SetTag("gen_ai.usage.cache_creation.input_tokens", record.CacheWriteTokens);
        span.SetTag("gen_ai.usage.reasoning.output_tokens", record.ReasoningTokens);
        span.SetTag("tokenopt.feature", record.Feature);
        span.SetTag("tokenopt.team", record.Team);
        span.SetTag("deployment.environment.name", record.Environment);
        if (record.Outcome == Outcomes.Failed)
        {
            span.SetStatus(ActivityStatusCode.Error);
            span.SetTag("error.type", record.ErrorType);
        }

        span.SetEndTime((record.OccurredAt + TimeSpan.FromMilliseconds(record.LatencyMs)).UtcDateTime);
    }
}
