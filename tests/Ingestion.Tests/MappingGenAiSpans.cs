using Google.Protobuf;
using Microsoft.Extensions.Options;
using OpenTelemetry.Proto.Common.V1;
using OpenTelemetry.Proto.Resource.V1;
using OpenTelemetry.Proto.Trace.V1;
using TokenOptimizer.Contracts;
using TokenOptimizer.Ingestion.ReceivingTraces;
using Xunit;

namespace TokenOptimizer.Ingestion.Tests;

public sealed class MappingGenAiSpans
{
    private static readonly DateTimeOffset Start = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
    private static readonly GenAiSpanMapper Mapper = new(Options.Create(new OtlpOptions()));

    [Fact]
    public void ChatSpan_MapsEveryField()
    {
        var span = Span(TimeSpan.FromMilliseconds(812.5),
            ("gen_ai.operation.name", "chat"), ("gen_ai.provider.name", "openai"), ("gen_ai.request.model", "gpt-4o"),
            ("gen_ai.response.model", "gpt-4o-2024-08-06"), ("gen_ai.usage.input_tokens", 1000L), ("gen_ai.usage.output_tokens", 500L),
            ("tokenopt.feature", "search"), ("user.id", "u-7"));

        var usage = Mapper.Map(span, Resource(("service.name", "web"), ("tokenopt.team", "core"), ("deployment.environment", "prod")))!;

        Assert.Equal("otlp-000102030405060708090a0b0c0d0e0f-1011121314151617", usage.RequestId);
        Assert.Equal(Start, usage.OccurredAt);
        Assert.Equal(812.5, usage.LatencyMs);
        Assert.Equal(("openai", "gpt-4o", "gpt-4o-2024-08-06"), (usage.Provider, usage.Model, usage.ResponseModel));
        Assert.Equal((1000L, 500L), (usage.InputTokens, usage.OutputTokens));
        Assert.Equal(("search", "core", "prod", "u-7"), (usage.Feature, usage.Team, usage.Environment, usage.UserId));
        Assert.Equal((Outcomes.Succeeded, (string?)null), (usage.Outcome, usage.ErrorType));
        Assert.Equal("chat", usage.Tags!["operation"]);
    }

    [Fact]
    public void AnthropicCacheAttributes_MapToCachedAndCacheWriteTokens_WithTheOneHourPart()
    {
        var span = Span(TimeSpan.FromSeconds(1), ("gen_ai.provider.name", "anthropic"), ("gen_ai.response.model", "claude-sonnet-4-20250514"),
            ("gen_ai.usage.input_tokens", 10_000L), ("gen_ai.usage.cache_read.input_tokens", 2_000L),
            ("gen_ai.usage.cache_creation.input_tokens", 8_000L), ("gen_ai.usage.cache_creation.ephemeral_1h.input_tokens", 6_000L));

        var usage = Mapper.Map(span, resource: null)!;

        Assert.Equal((2_000L, 8_000L, 6_000L), (usage.CachedInputTokens, usage.CacheWriteTokens, usage.CacheWriteOneHourTokens));
        Assert.Equal(("claude-sonnet-4-20250514", "claude-sonnet-4-20250514"), (usage.Model, usage.ResponseModel));
    }

    [Fact]
    public void OlderConventionNames_AreRead()
    {
        var span = Span(TimeSpan.FromSeconds(1), ("gen_ai.system", "az.ai.openai"), ("gen_ai.request.model", "gpt-4o"),
            ("gen_ai.usage.prompt_tokens", 30L), ("gen_ai.usage.completion_tokens", 7L));

        var usage = Mapper.Map(span, resource: null)!;

        Assert.Equal(("azure", 30L, 7L), (usage.Provider, usage.InputTokens, usage.OutputTokens));
    }

    [Theory]
    [InlineData("aws.bedrock", "bedrock")]
    [InlineData("gcp.gemini", "gemini")]
    [InlineData("gcp.vertex_ai", "vertex_ai")]
    [InlineData("x_ai", "xai")]
    [InlineData("anthropic", "anthropic")]
    public void SemanticConventionProviders_AreSpelledAsTheCatalogSpellsThem(string provider, string expected) =>
        Assert.Equal(expected, Mapper.Map(Span(TimeSpan.FromSeconds(1), ("gen_ai.provider.name", provider)), null)!.Provider);

    [Theory]
    [InlineData("execute_tool")]
    [InlineData("invoke_agent")]
    [InlineData("create_agent")]
    public void AgentAndToolSpans_AreNoCalls(string operation) =>
        Assert.Null(Mapper.Map(Span(TimeSpan.FromSeconds(1), ("gen_ai.operation.name", operation), ("gen_ai.usage.input_tokens", 9L)), null));

    [Fact]
    public void GenAiAttributesOnTheResourceOnly_DoNotMakeACall() =>
        Assert.Null(Mapper.Map(Span(TimeSpan.FromSeconds(1), ("http.request.method", "GET")), Resource(("gen_ai.system", "openai"))));

    [Theory]
    [InlineData("429", ErrorTypes.RateLimit)]
    [InlineData("503", ErrorTypes.ServerError)]
    [InlineData("401", ErrorTypes.AuthError)]
    [InlineData("400", ErrorTypes.InvalidRequest)]
    [InlineData("timeout", ErrorTypes.Timeout)]
    [InlineData("System.Threading.Tasks.TaskCanceledException", ErrorTypes.Other)]
    public void ErrorType_MakesAFailedCall_Classified(string errorType, string expected)
    {
        var usage = Mapper.Map(Span(TimeSpan.FromSeconds(1), ("gen_ai.provider.name", "openai"), ("error.type", errorType)), null)!;

        Assert.Equal((Outcomes.Failed, expected, errorType), (usage.Outcome, usage.ErrorType, usage.ErrorCode));
    }

    [Fact]
    public void ErrorStatusWithoutErrorType_IsAFailedCallOfTypeOther()
    {
        var span = Span(TimeSpan.FromSeconds(1), ("gen_ai.provider.name", "openai"));
        span.Status = new Status { Code = Status.Types.StatusCode.Error };

        var usage = Mapper.Map(span, null)!;

        Assert.Equal((Outcomes.Failed, ErrorTypes.Other), (usage.Outcome, usage.ErrorType));
    }

    [Fact]
    public void EndBeforeStart_GivesANegativeLatency_ForTheValidatorToRefuse()
    {
        var usage = Mapper.Map(Span(TimeSpan.FromMilliseconds(-3), ("gen_ai.provider.name", "openai")), null)!;

        Assert.Equal(-3, usage.LatencyMs);
    }

    private static Span Span(TimeSpan latency, params (string Key, object Value)[] attributes)
    {
        var start = (ulong)(Start - DateTimeOffset.UnixEpoch).Ticks * 100;
        var span = new Span
        {
            TraceId = ByteString.CopyFrom([.. Enumerable.Range(0, 16).Select(i => (byte)i)]),
            SpanId = ByteString.CopyFrom([.. Enumerable.Range(16, 8).Select(i => (byte)i)]),
            StartTimeUnixNano = start,
            EndTimeUnixNano = (ulong)((long)start + latency.Ticks * 100),
        };
        span.Attributes.AddRange(attributes.Select(Attribute));
        return span;
    }

    private static Resource Resource(params (string Key, object Value)[] attributes)
    {
        var resource = new Resource();
        resource.Attributes.AddRange(attributes.Select(Attribute));
        return resource;
    }

    private static KeyValue Attribute((string Key, object Value) attribute) => new()
    {
        Key = attribute.Key,
        Value = attribute.Value is long number ? new AnyValue { IntValue = number } : new AnyValue { StringValue = (string)attribute.Value },
    };
}
