namespace TokenOptimizer.Query.ExportingMetrics;

/// <summary>Configuration section <c>Query:Metrics</c>: the Prometheus scrape endpoint (<c>/metrics</c>).</summary>
public sealed class MetricsOptions
{
    public const string Section = "Query:Metrics";

    /// <summary>
    /// The figures are read from the rollups at most this often: scrapes in between are served from the snapshot,
    /// so however many scrapers there are, PostgreSQL sees one read per interval. Prometheus scrapes every 15–60 s.
    /// </summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// The label values kept per dimension (provider, model, feature, team): the most expensive since the start; the
    /// others are summed under <c>other</c>.
    /// </summary>
    public int TopValuesPerLabel { get; set; } = 20;

    /// <summary>
    /// The most series one metric may have: past it, the cheapest combinations are summed under <c>other</c> in every
    /// label. The hard bound on the endpoint's size, whatever the values.
    /// </summary>
    public int MaxSeriesPerMetric { get; set; } = 1000;

    /// <summary>The recent window the latency quantiles cover (whole minutes, ending with the current minute).</summary>
    public TimeSpan LatencyWindow { get; set; } = TimeSpan.FromMinutes(15);
}
