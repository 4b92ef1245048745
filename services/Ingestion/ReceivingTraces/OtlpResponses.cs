using System.Text;
using Google.Protobuf;
using OpenTelemetry.Proto.Collector.Trace.V1;

namespace TokenOptimizer.Ingestion.ReceivingTraces;

/// <summary>OTLP/HTTP answers, in the request's encoding: an export response, or a <c>google.rpc.Status</c> for a refusal.</summary>
internal static class OtlpResponses
{
    // google.rpc.Code.INVALID_ARGUMENT.
    private const int InvalidArgument = 3;
    private const int ResourceExhausted = 8;

    public static IResult Exported(ExportTraceServiceResponse response, OtlpEncoding encoding) =>
        new OtlpMessage(response, encoding, StatusCodes.Status200OK);

    public static IResult Refused(string message, OtlpEncoding encoding) =>
        new OtlpMessage(new Google.Rpc.Status { Code = InvalidArgument, Message = message }, encoding, StatusCodes.Status400BadRequest);

    /// <summary>413 for a body that unpacks to more than the limit (one larger as sent never reaches the handler).</summary>
    public static IResult TooLarge(string message, OtlpEncoding encoding) =>
        new OtlpMessage(new Google.Rpc.Status { Code = ResourceExhausted, Message = message }, encoding, StatusCodes.Status413PayloadTooLarge);

    private sealed class OtlpMessage(IMessage message, OtlpEncoding encoding, int statusCode) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            var (body, contentType) = encoding == OtlpEncoding.Protobuf
                ? (message.ToByteArray(), OtlpRequestReader.ProtobufMediaType)
                : (Encoding.UTF8.GetBytes(OtlpJson.Format(message)), OtlpRequestReader.JsonMediaType);
            httpContext.Response.StatusCode = statusCode;
            httpContext.Response.ContentType = contentType;
            httpContext.Response.ContentLength = body.Length;
            return httpContext.Response.Body.WriteAsync(body, httpContext.RequestAborted).AsTask();
        }
    }
}
