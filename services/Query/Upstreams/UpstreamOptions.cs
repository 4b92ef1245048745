namespace TokenOptimizer.Query.Upstreams;

/// <summary>
/// Configuration section <c>Services</c>: where the services that own writes live. Query never writes another
/// service's events itself: an admin mutation is checked here (admin role) and then sent to the owner, which
/// decides. <see cref="ApiKey"/> is Query's own credential for those calls (default: the bootstrap admin key).
/// </summary>
public sealed class UpstreamOptions
{
    public const string Section = "Services";

    public Uri? Aggregation { get; set; }

    public Uri? Ingestion { get; set; }

    public Uri? Recommendations { get; set; }

    public string? ApiKey { get; set; }
}
