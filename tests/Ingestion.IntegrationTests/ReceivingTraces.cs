using System.Diagnostics.Metrics;
using System.Net;
using System.Text;
using Google.Protobuf;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using OpenTelemetry.Proto.Trace.V1;
using TokenOptimizer.Access;
using TokenOptimizer.Catalog;
using TokenOptimizer.Contracts;
using Xunit;
using static TokenOptimizer.Ingestion.IntegrationTests.OtlpRequests;

namespace TokenOptimizer.Ingestion.IntegrationTests;

public sealed class ReceivingTraces(IngestionHost host) : IClassFixture<IngestionHost>
{
    private const string Team = "support";

    private static readonly (string, object)[] Resource = [("service.name", "support-bot"), ("tokenopt.team", Team)];

    [Fact]
    public async Task JsonBody_IsMapped_AndAnsweredInJson()
    {
        // Given an OTLP/JSON body: hex ids, an enum as a number, 64-bit integers as strings, a prompt event
        var traceId = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());
        var spanId = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()[..8]);
        var start = DateTimeOffset.UtcNow.AddMinutes(-2);
        var body = $$$"""
            {"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"billing-bot"}},
              {"key":"deployment.environment","value":{"stringValue":"production"}}]},
             "scopeSpans":[{"scope":{"name":"openai-instrumentation"},"spans":[{"traceId":"{{{traceId}}}","spanId":"{{{spanId}}}","parentSpanId":"",
              "name":"chat gpt-4o","kind":3,"startTimeUnixNano":"{{{UnixNanoseconds(start)}}}","endTimeUnixNano":{{{UnixNanoseconds(start.AddMilliseconds(1500))}}},
              "attributes":[{"key":"gen_ai.operation.name","value":{"stringValue":"chat"}},{"key":"gen_ai.system","value":{"stringValue":"openai"}},
                {"key":"gen_ai.request.model","value":{"stringValue":"gpt-4o"}},{"key":"gen_ai.usage.input_tokens","value":{"intValue":"1000"}},
                {"key":"gen_ai.usage.output_tokens","value":{"intValue":500}},{"key":"tokenopt.team","value":{"stringValue":"billing"}},
                {"key":"gen_ai.prompt","value":{"stringValue":"secret prompt"}}],
              "events":[{"timeUnixNano":"{{{UnixNanoseconds(start)}}}","name":"gen_ai.user.message","attributes":[{"key":"content","value":{"stringValue":"secret"}}]}],
              "status":{"code":1}}]}]}]}
            """;

        // When it is sent
        var response = await host.Http.PostAsync("/v1/traces", Body(Encoding.UTF8.GetBytes(body), Json));

        // Then the answer is an empty JSON export response, and the call is stored as mapped
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Json, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("{ }", await response.Content.ReadAsStringAsync());
        var ingested = await host.FindIngestedAsync("billing", $"otlp-{traceId}-{spanId}");
        Assert.NotNull(ingested);
        var usage = ingested.Usage;
        Assert.Equal(("openai", "gpt-4o", 1000L, 500L), (usage.Provider, usage.Model, usage.InputTokens, usage.OutputTokens));
        Assert.Equal(("billing-bot", "billing", "production"), (usage.Feature, usage.Team, usage.Environment));
        Assert.Equal(start.UtcTicks, usage.OccurredAt.UtcTicks);
        Assert.Equal(1500, usage.LatencyMs);
        Assert.Equal("chat", usage.Tags!["operation"]);
        Assert.Equal(SampleUsage.Gpt4oCostUsd, ingested.Cost.TotalUsd);
    }

    [Theory]
    [InlineData(Protobuf)]
    [InlineData(Json)]
    public async Task GzippedBody_IsRead(string mediaType)
    {
        var span = Span(TimeSpan.FromSeconds(1), Chat("openai", "gpt-4o", 1000, 500));
        var export = Export(Resource, span);
        var bytes = mediaType == Protobuf ? export.ToByteArray() : Encoding.UTF8.GetBytes(JsonOf(export));

        var response = await host.Http.PostAsync("/v1/traces", Body(bytes, mediaType, gzip: true));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(SampleUsage.Gpt4oCostUsd, (await host.FindIngestedAsync(Team, RequestIdOf(span)))?.Cost.TotalUsd);
    }

    [Fact]
    public async Task SpansWithoutGenAiAttributes_AreIgnoredAndCounted()
    {
        using var ignoredSpans = new MetricCollector<long>(host.Services.GetRequiredService<IMeterFactory>(), IngestionMetrics.MeterName, "otlp.spans.ignored");
        var call = Span(TimeSpan.FromSeconds(1), Chat("openai", "gpt-4o", 1000, 500));
        var export = Export(
            Resource,
            Span(TimeSpan.FromSeconds(2), ("http.request.method", "POST"), ("url.path", "/checkout")),
            Span(TimeSpan.FromMilliseconds(5), ("db.system.name", "postgresql")),
            Span(TimeSpan.FromSeconds(3), ("gen_ai.operation.name", "invoke_agent"), ("gen_ai.provider.name", "openai"), ("gen_ai.usage.input_tokens", 5000)),
            call);

        var response = await host.Http.PostAsync("/v1/traces", Body(export));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await ReadResponseAsync(response);
        Assert.Equal(0, answer.PartialSuccess.RejectedSpans);
        Assert.Contains("3 span(s) without GenAI attributes", answer.PartialSuccess.ErrorMessage);
        Assert.Equal(3, ignoredSpans.GetMeasurementSnapshot().Sum(m => m.Value));
        Assert.NotNull(await host.FindIngestedAsync(Team, RequestIdOf(call)));
    }

    [Fact]
    public async Task CacheAndReasoningCounts_KeepTheContractsMeaning()
    {
        // Given a call whose 5,000 input tokens include 4,000 read from the cache and 500 written to it, and whose
        // 800 output tokens include 300 of reasoning
        const string Model = "claude-sonnet-4-20250514";
        var span = Span(
            TimeSpan.FromSeconds(4),
            [.. Chat("anthropic", Model, 5_000, 800), ("gen_ai.usage.cache_read.input_tokens", 4_000), ("gen_ai.usage.cache_creation.input_tokens", 500),
             ("gen_ai.usage.reasoning.output_tokens", 300)]);

        await host.Http.PostAsync("/v1/traces", Body(Export(Resource, span)));

        // Then the counts nest as the contract says, and each part is billed at its own rate
        var ingested = await host.FindIngestedAsync(Team, RequestIdOf(span));
        var usage = ingested!.Usage;
        Assert.Equal((5_000L, 4_000L, 500L, 800L, 300L), (usage.InputTokens, usage.CachedInputTokens, usage.CacheWriteTokens, usage.OutputTokens, usage.ReasoningTokens));
        var catalog = ModelCatalog.LoadDefault();
        var rates = catalog.FindPrice(catalog.ResolveModel("anthropic", Model)!, usage.OccurredAt)!.Standard;
        var expected = rates.Input!.Value * 500 + rates.CacheRead!.Value * 4_000 + rates.CacheWrite!.Value * 500
            + rates.Output!.Value * 500 + (rates.Reasoning ?? rates.Output.Value) * 300;
        Assert.Equal(expected, ingested.Cost.TotalUsd);
    }

    [Fact]
    public async Task ErrorStatus_IsAFailedCall_WithItsErrorType()
    {
        var span = Span(TimeSpan.FromMilliseconds(300), [.. Chat("openai", "gpt-4o", 1000, 0), ("error.type", "429")]);
        span.Status = new Status { Code = Status.Types.StatusCode.Error };

        await host.Http.PostAsync("/v1/traces", Body(Export(Resource, span)));

        var usage = (await host.FindIngestedAsync(Team, RequestIdOf(span)))!.Usage;
        Assert.Equal((Outcomes.Failed, ErrorTypes.RateLimit, "429"), (usage.Outcome, usage.ErrorType, usage.ErrorCode));
    }

    [Fact]
    public async Task InvalidGenAiSpan_IsRefusedAsPartialSuccess_AndKeptInQuarantine()
    {
        var good = Span(TimeSpan.FromSeconds(1), Chat("openai", "gpt-4o", 1000, 500));
        var noModel = Span(TimeSpan.FromSeconds(1), ("gen_ai.operation.name", "chat"), ("gen_ai.provider.name", "openai"), ("gen_ai.usage.input_tokens", 10));

        var response = await host.Http.PostAsync("/v1/traces", Body(Export(Resource, good, noModel)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await ReadResponseAsync(response);
        Assert.Equal(1, answer.PartialSuccess.RejectedSpans);
        Assert.Contains(
            $"span {Convert.ToHexStringLower(noModel.SpanId.Span)}: model (from gen_ai.request.model or gen_ai.response.model): 'model' must not be empty.",
            answer.PartialSuccess.ErrorMessage);
        Assert.Equal(1, await host.CountQuarantinedAsync(RequestIdOf(noModel)));
        Assert.NotNull(await host.FindIngestedAsync(Team, RequestIdOf(good)));
    }

    [Fact]
    public async Task ResentSpan_IsStoredOnce()
    {
        var export = Export(Resource, Span(TimeSpan.FromSeconds(1), Chat("openai", "gpt-4o", 1000, 500)));

        await host.Http.PostAsync("/v1/traces", Body(export));
        var again = await host.Http.PostAsync("/v1/traces", Body(export));

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(1, await host.CountStreamEventsAsync(Team, RequestIdOf(export.ResourceSpans[0].ScopeSpans[0].Spans[0])));
    }

    [Fact]
    public async Task MissingKey_Gets401()
    {
        var response = await host.Client(null).PostAsync("/v1/traces", Body(Export(Resource, Span(TimeSpan.FromSeconds(1), Chat("openai", "gpt-4o", 1, 1)))));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task TeamScopedKey_SendingAnotherTeamsCalls_IsRefusedWhole()
    {
        var key = await host.CreateKeyAsync(Role.Ingest, team: "marketing");
        var ours = Span(TimeSpan.FromSeconds(1), [.. Chat("openai", "gpt-4o", 1, 1), ("tokenopt.team", "marketing")]);
        var theirs = Span(TimeSpan.FromSeconds(1), Chat("openai", "gpt-4o", 1, 1));

        var response = await host.Client(key).PostAsync("/v1/traces", Body(Export(Resource, ours, theirs)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var status = Google.Rpc.Status.Parser.ParseFrom(await response.Content.ReadAsByteArrayAsync());
        Assert.Contains(Convert.ToHexStringLower(theirs.SpanId.Span), status.Message);
        Assert.Equal(0, await host.CountStreamEventsAsync("marketing", RequestIdOf(ours)));
    }
}
