using System.Text;
using Microsoft.Extensions.Options;
using OpenTelemetry.Proto.Collector.Trace.V1;
using TokenOptimizer.Access;
using TokenOptimizer.Access.Limits;
using TokenOptimizer.Contracts;
using TokenOptimizer.Ingestion.RecordingUsage;

namespace TokenOptimizer.Ingestion.ReceivingTraces;

/// <summary>
/// <c>POST /v1/traces</c>: an OpenTelemetry receiver (OTLP/HTTP, protobuf or JSON, optionally gzipped). Each span that
/// follows the GenAI conventions becomes a usage record and takes the same path as one sent to <c>/v1/usage</c>;
/// other spans are counted and ignored. Answers an <c>ExportTraceServiceResponse</c> whose partial success counts the
/// spans refused (kept in quarantine) and mentions the ignored; a body that cannot be read gets 400 with a
/// <c>google.rpc.Status</c> saying why. Needs an <c>ingest</c> key; a team-scoped key may send only its team's calls.
/// </summary>
public static class ReceiveTracesEndpoint
{
    public const string Source = "otlp";

    // Enough to find the fault in a big export without answering with a wall of text.
    private const int RejectionsNamed = 10;

    public static IEndpointRouteBuilder MapReceiveTraces(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/v1/traces", HandleAsync)
            // As sent, too: a body larger than it may be once decompressed is refused (413) before it is read.
            .WithBodyLimit(endpoints.ServiceProvider.GetRequiredService<IOptions<OtlpOptions>>().Value.MaxBodyBytes)
            .RequireRateLimiting(RateLimitPolicies.Ingestion)
            .WithName("ReceiveTraces")
            // No Accepts(): routing would answer another Content-Type with a bare 415; the handler says what to send.
            .WithSummary("OTLP/HTTP trace receiver: GenAI spans become usage records. Protobuf or JSON, gzip optional. Needs an ingest key.")
            .RequireRole(Role.Ingest);
        return endpoints;
    }

    private static async Task<IResult> HandleAsync(
        HttpRequest request,
        ApiKeyPrincipal caller,
        SpansToUsage spansToUsage,
        UsageIngestionPipeline pipeline,
        IngestionMetrics metrics,
        IOptions<OtlpOptions> options,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        if (OtlpRequestReader.EncodingOf(request) is not { } encoding)
        {
            return Results.Problem(
                title: "Unsupported Content-Type.",
                detail: $"Send OTLP as {OtlpRequestReader.ProtobufMediaType} or {OtlpRequestReader.JsonMediaType}; this request says '{request.ContentType}'.",
                statusCode: StatusCodes.Status415UnsupportedMediaType);
        }

        if (OtlpRequestReader.UnsupportedContentEncoding(request) is { } contentEncoding)
        {
            return Results.Problem(
                title: "Unsupported Content-Encoding.",
                detail: $"OTLP bodies may be sent plain or gzip-compressed; this request says '{contentEncoding}'.",
                statusCode: StatusCodes.Status415UnsupportedMediaType);
        }

        var (export, error, tooLarge) = await OtlpRequestReader.ReadAsync(request, encoding, options.Value.MaxBodyBytes, cancellationToken);
        if (export is null)
        {
            return tooLarge ? OtlpResponses.TooLarge(error!, encoding) : OtlpResponses.Refused(error!, encoding);
        }

        var spans = spansToUsage.Read(export);
        metrics.RecordIgnoredSpans(spans.Ignored);
        if (caller.Team is { } team && TeamScope.Violations(spans.Calls, team) is { Count: > 0 } violations)
        {
            return OtlpResponses.Refused(OutsideScope(team, options.Value.Attributes.Team, violations, spans), encoding);
        }

        var (accepted, duplicates, rejections) = (0, 0, new List<string>());
        var offset = 0;
        foreach (var chunk in spans.Calls.Chunk(UsageLimits.MaxBatchSize))
        {
            var result = await pipeline.IngestAsync(chunk, Source, cancellationToken);
            accepted += result.Accepted;
            duplicates += result.Duplicates;
            rejections.AddRange(result.Rejections.Select(r => Describe(spans.SpanIds[offset + r.Index], r)));
            offset += chunk.Length;
        }

        loggers.CreateLogger(typeof(ReceiveTracesEndpoint)).LogInformation(
            "OTLP export of {Spans} spans: {Calls} GenAI calls ({Accepted} stored, {Duplicates} duplicates, {Rejected} rejected), {Ignored} other spans ignored",
            spans.Total, spans.Calls.Count, accepted, duplicates, rejections.Count, spans.Ignored);
        return OtlpResponses.Exported(Response(rejections, spans.Ignored), encoding);
    }

    // The spec's partial success: rejected spans with why; with none rejected, the message may still carry a warning,
    // here the count of spans that were no GenAI calls.
    private static ExportTraceServiceResponse Response(IReadOnlyList<string> rejections, int ignored)
    {
        if (rejections.Count == 0 && ignored == 0)
        {
            return new ExportTraceServiceResponse();
        }

        var message = new StringBuilder();
        if (rejections.Count > 0)
        {
            message.Append(rejections.Count).Append(" GenAI span(s) refused and kept in quarantine: ")
                .AppendJoin("; ", rejections.Take(RejectionsNamed));
            if (rejections.Count > RejectionsNamed)
            {
                message.Append("; and ").Append(rejections.Count - RejectionsNamed).Append(" more");
            }

            message.Append(". ");
        }

        if (ignored > 0)
        {
            message.Append(ignored).Append(" span(s) without GenAI attributes (or of agents and tools) ignored.");
        }

        return new ExportTraceServiceResponse
        {
            PartialSuccess = new ExportTracePartialSuccess { RejectedSpans = rejections.Count, ErrorMessage = message.ToString().TrimEnd() },
        };
    }

    private static string Describe(string spanId, UsageRejection rejection) =>
        $"span {spanId}: " + string.Join(" ", rejection.Errors.Select(e =>
            (GenAiAttributes.SourceOfField.TryGetValue(e.Key, out var source) ? $"{e.Key} (from {source})" : e.Key) + ": " + string.Join(" ", e.Value)));

    // Refused whole, as /v1/usage refuses such a batch: the key, not the data, is at fault.
    private static string OutsideScope(string team, string teamAttributes, IReadOnlyList<(int Index, string Message)> violations, ReceivedSpans spans) =>
        $"This API key may only send calls of team '{team}', named by the span or resource attribute '{teamAttributes}'; nothing was stored. "
        + $"GenAI spans of another team or none: {string.Join(", ", violations.Take(RejectionsNamed).Select(v => spans.SpanIds[v.Index]))}"
        + (violations.Count > RejectionsNamed ? $" and {violations.Count - RejectionsNamed} more." : ".");
}
