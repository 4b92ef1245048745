using Microsoft.Extensions.Options;
using OpenTelemetry.Proto.Trace.V1;
using TokenOptimizer.Contracts;
using OtlpResource = OpenTelemetry.Proto.Resource.V1.Resource;

namespace TokenOptimizer.Ingestion.ReceivingTraces;

/// <summary>
/// Turns a span that follows the OpenTelemetry GenAI conventions into the usage record of one model call. Only the
/// attributes named in <see cref="GenAiAttributes"/> and <see cref="OtlpAttributeNames"/> are read; the record is
/// left for the pipeline's validator to judge, exactly as a record sent to <c>/v1/usage</c>.
/// </summary>
public sealed class GenAiSpanMapper(IOptions<OtlpOptions> options)
{
    private const string RequestIdPrefix = "otlp-";
    private const string OperationTag = "operation";
    private const long NanosecondsPerTick = 100;

    private readonly string[] _feature = OtlpAttributeNames.Split(options.Value.Attributes.Feature);
    private readonly string[] _team = OtlpAttributeNames.Split(options.Value.Attributes.Team);
    private readonly string[] _environment = OtlpAttributeNames.Split(options.Value.Attributes.Environment);
    private readonly string[] _user = OtlpAttributeNames.Split(options.Value.Attributes.User);

    /// <summary>The call the span records, or null when it records none: no GenAI attributes, or an agent or tool span.</summary>
    public UsageRecorded? Map(Span span, OtlpResource? resource)
    {
        ArgumentNullException.ThrowIfNull(span);
        var attributes = new SpanAttributes(span.Attributes, resource?.Attributes);
        if (!IsModelCall(attributes))
        {
            return null;
        }

        var operation = attributes.String(GenAiAttributes.OperationName);
        var errorType = attributes.String(GenAiAttributes.ErrorType);
        var failed = span.Status?.Code == Status.Types.StatusCode.Error || !string.IsNullOrEmpty(errorType);
        return new UsageRecorded
        {
            RequestId = RequestIdOf(span),
            OccurredAt = TimeOf(span.StartTimeUnixNano),
            Provider = SemanticConventionProviders.ToCatalogName(
                attributes.String(GenAiAttributes.ProviderName) ?? attributes.String(GenAiAttributes.System)) ?? "",
            // The requested model is the record's model and the response's one beside it, which pricing prefers.
            Model = attributes.String(GenAiAttributes.RequestModel) ?? attributes.String(GenAiAttributes.ResponseModel) ?? "",
            ResponseModel = attributes.String(GenAiAttributes.ResponseModel),
            Feature = attributes.FirstString(_feature),
            Team = attributes.FirstString(_team),
            Environment = attributes.FirstString(_environment),
            UserId = attributes.FirstString(_user),
            InputTokens = attributes.Long(GenAiAttributes.InputTokens) ?? attributes.Long(GenAiAttributes.PromptTokens) ?? 0,
            OutputTokens = attributes.Long(GenAiAttributes.OutputTokens) ?? attributes.Long(GenAiAttributes.CompletionTokens) ?? 0,
            CachedInputTokens = attributes.Long(GenAiAttributes.CacheReadInputTokens) ?? 0,
            CacheWriteTokens = attributes.Long(GenAiAttributes.CacheCreationInputTokens) ?? 0,
            CacheWriteOneHourTokens = attributes.Long(GenAiAttributes.CacheCreationOneHourInputTokens) ?? 0,
            ReasoningTokens = attributes.Long(GenAiAttributes.ReasoningOutputTokens) ?? 0,
            LatencyMs = LatencyOf(span),
            Outcome = failed ? Outcomes.Failed : Outcomes.Succeeded,
            ErrorType = failed ? SpanErrorTypes.Classify(errorType) : null,
            ErrorCode = failed ? Truncate(errorType) : null,
            Tags = string.IsNullOrEmpty(operation) ? null : new Dictionary<string, string> { [OperationTag] = Truncate(operation)! },
        };
    }

    private static bool IsModelCall(SpanAttributes attributes)
    {
        var isGenAi = attributes.HasOnSpan(GenAiAttributes.OperationName)
            || attributes.HasOnSpan(GenAiAttributes.ProviderName)
            || attributes.HasOnSpan(GenAiAttributes.System);
        if (!isGenAi)
        {
            return false;
        }

        var operation = attributes.String(GenAiAttributes.OperationName);
        return operation is null || !GenAiAttributes.NotModelCalls.Contains(operation);
    }

    // Trace and span id together name a span uniquely, so a span sent again is the same record, stored once. A span
    // without valid ids gets an empty id, which the validator refuses by name.
    private static string RequestIdOf(Span span) => span.TraceId.Length == 16 && span.SpanId.Length == 8
        ? RequestIdPrefix + Convert.ToHexStringLower(span.TraceId.Span) + "-" + Convert.ToHexStringLower(span.SpanId.Span)
        : "";

    private static DateTimeOffset TimeOf(ulong unixNanoseconds) =>
        DateTimeOffset.UnixEpoch.AddTicks((long)Math.Min(unixNanoseconds / NanosecondsPerTick, (ulong)(DateTimeOffset.MaxValue - DateTimeOffset.UnixEpoch).Ticks));

    // Subtracted as integers: nanoseconds since 1970 are past double's precision (256 ns apart). An end before the
    // start stays negative, for the validator to refuse, rather than wrapping around.
    private static double LatencyOf(Span span) => span.EndTimeUnixNano >= span.StartTimeUnixNano
        ? (span.EndTimeUnixNano - span.StartTimeUnixNano) / 1_000_000d
        : -((span.StartTimeUnixNano - span.EndTimeUnixNano) / 1_000_000d);

    private static string? Truncate(string? value) =>
        value is { Length: > UsageLimits.IdentifierMaxLength } ? value[..UsageLimits.IdentifierMaxLength] : value;
}
