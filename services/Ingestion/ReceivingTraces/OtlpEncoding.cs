namespace TokenOptimizer.Ingestion.ReceivingTraces;

/// <summary>The two encodings of OTLP/HTTP; the response is sent in the request's.</summary>
public enum OtlpEncoding
{
    Protobuf,
    Json,
}
