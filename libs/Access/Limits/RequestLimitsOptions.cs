namespace TokenOptimizer.Access.Limits;

/// <summary>
/// The <c>RequestLimits</c> configuration section: how big a body may be and how often each API key may call.
/// The defaults leave the dashboard, the SDKs, the benchmarks and the tests unthrottled; they stop floods.
/// </summary>
public sealed class RequestLimitsOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "RequestLimits";

    /// <summary>The largest body an endpoint takes unless it says otherwise (<see cref="BodyLimits.WithBodyLimit{TBuilder}"/>): 1 MiB.</summary>
    public long MaxBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// The largest body of <c>POST /v1/usage</c>: 32 MiB, room for 1,000 records at every bound as UTF-8 JSON (a
    /// maximal record takes about 24 KB; one whose non-ASCII text is escaped as <c>\uXXXX</c> up to 66 KB).
    /// </summary>
    public long MaxUsageBodyBytes { get; set; } = 32 * 1024 * 1024;

    /// <summary>
    /// How much of a refused body is still read, so that a client that sends without <c>Expect: 100-continue</c> gets
    /// the 413 answer instead of a reset connection; a body longer than its limit plus this is cut off: 64 MiB.
    /// </summary>
    public long MaxDrainBytes { get; set; } = 64 * 1024 * 1024;

    /// <summary><c>POST /v1/usage</c>, <c>POST /v1/traces</c>: 1,000 requests at once, 200 a second after.</summary>
    public RateLimit Ingestion { get; set; } = new() { Burst = 1000, PermitsPerSecond = 200 };

    /// <summary><c>/graphql</c>: 2,000 at once, 1,000 a second after (a cached dashboard query answers in about a millisecond).</summary>
    public RateLimit GraphQL { get; set; } = new() { Burst = 2000, PermitsPerSecond = 1000 };

    /// <summary><c>/export/…</c>: 100 at once, 10 a second after.</summary>
    public RateLimit Exports { get; set; } = new() { Burst = 100, PermitsPerSecond = 10 };

    /// <summary>Admin calls (keys, prices, budgets, SLO targets, recommendation steps, rebuilds): 500 at once, 50 a second after.</summary>
    public RateLimit Admin { get; set; } = new() { Burst = 500, PermitsPerSecond = 50 };
}

/// <summary>A token bucket per API key (per remote address for a request without one).</summary>
public sealed class RateLimit
{
    /// <summary>Requests a key may make at once, with a full bucket.</summary>
    public int Burst { get; set; }

    /// <summary>Requests a second the bucket refills with.</summary>
    public int PermitsPerSecond { get; set; }
}
