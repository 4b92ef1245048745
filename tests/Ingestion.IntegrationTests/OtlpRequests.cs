using System.IO.Compression;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Google.Protobuf;
using OpenTelemetry.Proto.Collector.Trace.V1;
using OpenTelemetry.Proto.Common.V1;
using OpenTelemetry.Proto.Resource.V1;
using OpenTelemetry.Proto.Trace.V1;

namespace TokenOptimizer.Ingestion.IntegrationTests;

/// <summary>Hand-built OTLP export requests and the HTTP bodies that carry them.</summary>
internal static class OtlpRequests
{
    public const string Protobuf = "application/x-protobuf";
    public const string Json = "application/json";

    /// <summary>A span with fresh ids that started a minute ago and took <paramref name="latency"/>.</summary>
    public static Span Span(TimeSpan latency, params (string Key, object Value)[] attributes)
    {
        var start = DateTimeOffset.UtcNow.AddMinutes(-1);
        var span = new Span
        {
            TraceId = ByteString.CopyFrom(RandomNumberGenerator.GetBytes(16)),
            SpanId = ByteString.CopyFrom(RandomNumberGenerator.GetBytes(8)),
            StartTimeUnixNano = UnixNanoseconds(start),
            EndTimeUnixNano = UnixNanoseconds(start + latency),
        };
        span.Attributes.AddRange(attributes.Select(a => Attribute(a.Key, a.Value)));
        return span;
    }

    public static ExportTraceServiceRequest Export(IEnumerable<(string Key, object Value)> resource, params Span[] spans)
    {
        var resourceSpans = new ResourceSpans { Resource = new Resource(), ScopeSpans = { new ScopeSpans { Spans = { spans } } } };
        resourceSpans.Resource.Attributes.AddRange(resource.Select(a => Attribute(a.Key, a.Value)));
        return new ExportTraceServiceRequest { ResourceSpans = { resourceSpans } };
    }

    /// <summary>The attributes of a chat call as GenAI instrumentations record it.</summary>
    public static (string Key, object Value)[] Chat(string provider, string model, long input, long output) =>
    [
        ("gen_ai.operation.name", "chat"), ("gen_ai.provider.name", provider), ("gen_ai.request.model", model),
        ("gen_ai.usage.input_tokens", input), ("gen_ai.usage.output_tokens", output),
    ];

    /// <summary>OTLP/JSON: protobuf's JSON mapping, but with trace and span ids in hex where protobuf writes base64.</summary>
    public static string JsonOf(ExportTraceServiceRequest export)
    {
        var json = JsonNode.Parse(JsonFormatter.Default.Format(export))!;
        foreach (var span in json["resourceSpans"]!.AsArray().SelectMany(r => r!["scopeSpans"]!.AsArray()).SelectMany(s => s!["spans"]!.AsArray()))
        {
            foreach (var id in new[] { "traceId", "spanId" })
            {
                span![id] = Convert.ToHexStringLower(Convert.FromBase64String(span[id]!.GetValue<string>()));
            }
        }

        return json.ToJsonString();
    }

    /// <summary>The record id the receiver gives a span: from its trace and span ids.</summary>
    public static string RequestIdOf(Span span) =>
        $"otlp-{Convert.ToHexStringLower(span.TraceId.Span)}-{Convert.ToHexStringLower(span.SpanId.Span)}";

    public static ByteArrayContent Body(byte[] bytes, string mediaType, bool gzip = false)
    {
        var content = new ByteArrayContent(gzip ? Gzip(bytes) : bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        if (gzip)
        {
            content.Headers.ContentEncoding.Add("gzip");
        }

        return content;
    }

    public static ByteArrayContent Body(ExportTraceServiceRequest request) => Body(request.ToByteArray(), Protobuf);

    public static async Task<ExportTraceServiceResponse> ReadResponseAsync(HttpResponseMessage response) =>
        ExportTraceServiceResponse.Parser.ParseFrom(await response.Content.ReadAsByteArrayAsync());

    public static ulong UnixNanoseconds(DateTimeOffset at) => (ulong)(at - DateTimeOffset.UnixEpoch).Ticks * 100;

    private static byte[] Gzip(byte[] bytes)
    {
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest))
        {
            gzip.Write(bytes);
        }

        return compressed.ToArray();
    }

    private static KeyValue Attribute(string key, object value) => new()
    {
        Key = key,
        Value = value switch
        {
            string text => new AnyValue { StringValue = text },
            int number => new AnyValue { IntValue = number },
            long number => new AnyValue { IntValue = number },
            double number => new AnyValue { DoubleValue = number },
            bool flag => new AnyValue { BoolValue = flag },
            _ => throw new ArgumentException($"No attribute value of type {value.GetType()}.", nameof(value)),
        },
    };
}
