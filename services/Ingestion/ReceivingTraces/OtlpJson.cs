using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Google.Protobuf;
using OpenTelemetry.Proto.Collector.Trace.V1;

namespace TokenOptimizer.Ingestion.ReceivingTraces;

/// <summary>
/// OTLP/JSON is protobuf's JSON mapping with one exception: trace and span ids are hex strings, not base64. They are
/// rewritten to base64 before protobuf's own parser reads the rest (which also takes enums as numbers and 64-bit
/// integers as strings, as OTLP/JSON allows, and skips fields it does not declare). Span times sent as bare numbers
/// are turned into strings first: protobuf's parser reads a number as a double, and nanoseconds since 1970 are past
/// a double's precision.
/// </summary>
internal static class OtlpJson
{
    private static readonly JsonParser Parser = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(true));
    private static readonly string[] IdFields = ["traceId", "spanId"];
    private static readonly string[] TimeFields = ["startTimeUnixNano", "endTimeUnixNano"];

    /// <exception cref="JsonException">Not JSON.</exception>
    /// <exception cref="FormatException">An id is not hex.</exception>
    /// <exception cref="InvalidProtocolBufferException">JSON, but not an export request.</exception>
    public static ExportTraceServiceRequest Parse(ReadOnlyMemory<byte> body)
    {
        var root = JsonNode.Parse(body.Span) ?? throw new JsonException("The body is JSON null, not an export request.");
        foreach (var (span, path) in Spans(root))
        {
            foreach (var field in IdFields)
            {
                if (span[field] is JsonValue id && id.TryGetValue<string>(out var hex))
                {
                    span[field] = Base64Of(hex, $"{path}.{field}");
                }
            }

            foreach (var field in TimeFields)
            {
                if (span[field] is JsonValue time && time.GetValueKind() == JsonValueKind.Number && time.TryGetValue<ulong>(out var nanoseconds))
                {
                    span[field] = nanoseconds.ToString(CultureInfo.InvariantCulture);
                }
            }
        }

        return Parser.Parse<ExportTraceServiceRequest>(root.ToJsonString());
    }

    public static string Format(IMessage message) => JsonFormatter.Default.Format(message);

    private static IEnumerable<(JsonObject Span, string Path)> Spans(JsonNode root)
    {
        foreach (var (resourceSpans, r) in Objects((root as JsonObject)?["resourceSpans"]))
        {
            foreach (var (scopeSpans, s) in Objects(resourceSpans["scopeSpans"]))
            {
                foreach (var (span, i) in Objects(scopeSpans["spans"]))
                {
                    yield return (span, $"resourceSpans[{r}].scopeSpans[{s}].spans[{i}]");
                }
            }
        }
    }

    private static IEnumerable<(JsonObject Item, int Index)> Objects(JsonNode? array)
    {
        if (array is not JsonArray items)
        {
            yield break;
        }

        for (var index = 0; index < items.Count; index++)
        {
            if (items[index] is JsonObject item)
            {
                yield return (item, index);
            }
        }
    }

    private static string Base64Of(string hex, string path)
    {
        try
        {
            return Convert.ToBase64String(Convert.FromHexString(hex));
        }
        catch (FormatException)
        {
            throw new FormatException($"'{path}' is not a hex string: OTLP/JSON sends trace and span ids as hex.");
        }
    }
}
