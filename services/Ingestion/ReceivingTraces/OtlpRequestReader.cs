using System.Buffers;
using System.IO.Compression;
using System.Text.Json;
using Google.Protobuf;
using Microsoft.Net.Http.Headers;
using OpenTelemetry.Proto.Collector.Trace.V1;

namespace TokenOptimizer.Ingestion.ReceivingTraces;

/// <summary>
/// Reads an OTLP/HTTP export request: its encoding from <c>Content-Type</c>, an optional gzip
/// <c>Content-Encoding</c>, then the body. A body that cannot be read gives a message saying what is wrong with it.
/// </summary>
internal static class OtlpRequestReader
{
    public const string ProtobufMediaType = "application/x-protobuf";
    public const string JsonMediaType = "application/json";

    private static readonly MessageParser<ExportTraceServiceRequest> ProtobufParser =
        ExportTraceServiceRequest.Parser.WithDiscardUnknownFields(true);

    public static OtlpEncoding? EncodingOf(HttpRequest request) =>
        MediaTypeHeaderValue.TryParse(request.ContentType, out var type) ? type.MediaType.Value?.ToLowerInvariant() switch
        {
            ProtobufMediaType => OtlpEncoding.Protobuf,
            JsonMediaType => OtlpEncoding.Json,
            _ => null,
        } : null;

    /// <summary>Null for a body without gzip or with it; else the unsupported encoding.</summary>
    public static string? UnsupportedContentEncoding(HttpRequest request) =>
        request.Headers.ContentEncoding.ToString() is { Length: > 0 } encoding
        && !encoding.Equals("gzip", StringComparison.OrdinalIgnoreCase)
        && !encoding.Equals("identity", StringComparison.OrdinalIgnoreCase)
            ? encoding
            : null;

    /// <summary>The export, or why not; <c>TooLarge</c> when the reason is the body's size once decompressed.</summary>
    public static async Task<(ExportTraceServiceRequest? Request, string? Error, bool TooLarge)> ReadAsync(
        HttpRequest request, OtlpEncoding encoding, int maxBodyBytes, CancellationToken cancellationToken)
    {
        var gzipped = request.Headers.ContentEncoding.ToString().Equals("gzip", StringComparison.OrdinalIgnoreCase);
        using var body = new MemoryStream();
        try
        {
            await using var gzip = gzipped ? new GZipStream(request.Body, CompressionMode.Decompress, leaveOpen: true) : null;
            if (!await CopyAtMostAsync(gzip ?? request.Body, body, maxBodyBytes, cancellationToken))
            {
                return (null, $"The body holds more than {maxBodyBytes} bytes{(gzipped ? " once decompressed" : "")} (Otlp:MaxBodyBytes): send fewer spans per request.", true);
            }
        }
        catch (InvalidDataException exception)
        {
            return (null, $"The body is not valid gzip ({exception.Message}), but Content-Encoding says gzip.", false);
        }

        var bytes = body.GetBuffer().AsMemory(0, (int)body.Length);
        try
        {
            return (encoding == OtlpEncoding.Protobuf ? ProtobufParser.ParseFrom(bytes.Span) : OtlpJson.Parse(bytes), null, false);
        }
        catch (InvalidProtocolBufferException exception) when (encoding == OtlpEncoding.Protobuf)
        {
            return (null, $"The body is not an OTLP ExportTraceServiceRequest in protobuf: {exception.Message}", false);
        }
        catch (Exception exception) when (exception is JsonException or InvalidJsonException or InvalidProtocolBufferException or FormatException)
        {
            return (null, $"The body is not an OTLP ExportTraceServiceRequest in OTLP/JSON: {exception.Message}", false);
        }
    }

    private static async Task<bool> CopyAtMostAsync(Stream source, MemoryStream destination, int maxBytes, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(81_920);
        try
        {
            int read;
            while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
            {
                if (destination.Length + read > maxBytes)
                {
                    return false;
                }

                await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }

            return true;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
