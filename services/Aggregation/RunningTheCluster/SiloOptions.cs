namespace TokenOptimizer.Aggregation.RunningTheCluster;

/// <summary>
/// Configuration section <c>Orleans</c>: this instance's silo and the cluster it joins, in the keys Orleans itself reads
/// (<c>Orleans:ClusterId</c>, <c>Orleans:Endpoints:SiloPort</c>, …), which Aspire's app host sets per replica.
/// </summary>
public sealed class SiloOptions
{
    public const string Section = "Orleans";

    /// <summary>Instances with the same id on the same database form one cluster.</summary>
    public string ClusterId { get; set; } = "tokenoptimizer";

    /// <summary>Names the service's reminders: keep it across deployments.</summary>
    public string ServiceId { get; set; } = "tokenoptimizer-aggregation";

    /// <summary>The address other silos reach this one at (this machine's by default: set it when instances run on several).</summary>
    public string AdvertisedAddress { get; set; } = "127.0.0.1";

    public SiloEndpoints Endpoints { get; set; } = new();
}

/// <summary>Section <c>Orleans:Endpoints</c>: the ports this silo listens on.</summary>
public sealed class SiloEndpoints
{
    /// <summary>The silo-to-silo port; 0 takes a free one at start, so several instances run on one machine without settings.</summary>
    public int SiloPort { get; set; }

    /// <summary>
    /// The port Orleans clients connect to; 0 opens none. No client of ours calls grains (readers read their persisted
    /// state), but a deployment gives each replica one, as the app host does, for tools such as a dashboard.
    /// </summary>
    public int GatewayPort { get; set; }
}
