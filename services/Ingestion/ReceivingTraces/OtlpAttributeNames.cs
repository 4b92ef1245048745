namespace TokenOptimizer.Ingestion.ReceivingTraces;

/// <summary>Comma-separated attribute names, first present wins; the defaults follow OpenTelemetry's semantic conventions.</summary>
public sealed class OtlpAttributeNames
{
    /// <summary>
    /// Our own attribute first; else the service's name, because one OpenTelemetry service is most often one product
    /// feature. A span with neither gets the pipeline's <c>default</c> feature.
    /// </summary>
    public string Feature { get; set; } = "tokenopt.feature,service.name";

    /// <summary>OpenTelemetry has no team attribute: ours.</summary>
    public string Team { get; set; } = "tokenopt.team";

    /// <summary>The current convention, then the name it replaced.</summary>
    public string Environment { get; set; } = "deployment.environment.name,deployment.environment";

    /// <summary>The current convention, then the name it replaced.</summary>
    public string User { get; set; } = "user.id,enduser.id";

    internal static string[] Split(string names) =>
        names.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
