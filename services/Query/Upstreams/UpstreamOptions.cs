namespace TokenOptimizer.Query.Upstreams;

/// <summary>
/// Configuration section <c>Upstreams</c>. Query never writes another service's events itself: an admin mutation is
/// checked here (admin role) and then sent to the owner, found by service discovery, which decides. <see cref="ApiKey"/>
/// is Query's own credential for those calls (default: the bootstrap admin key).
/// </summary>
public sealed class UpstreamOptions
{
    public const string Section = "Upstreams";

    public string? ApiKey { get; set; }
}
