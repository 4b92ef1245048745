namespace TokenOptimizer.Ingestion.ReceivingTraces;

/// <summary>
/// The <c>Otlp</c> configuration section. Which span or resource attributes name a call's feature, team, environment
/// and user differs between organisations, so each is a comma-separated list of attribute names, tried in order, the
/// span's own attributes before its resource's (e.g. <c>Otlp__Attributes__Feature=app.feature,service.name</c>).
/// </summary>
public sealed class OtlpOptions
{
    public const string Section = "Otlp";

    public OtlpAttributeNames Attributes { get; set; } = new();

    /// <summary>
    /// The most a body may hold once decompressed. Kestrel's request limit sees only the compressed size, and a few
    /// kilobytes of gzip can unpack to gigabytes.
    /// </summary>
    public int MaxBodyBytes { get; set; } = 32 * 1024 * 1024;
}
