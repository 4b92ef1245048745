using TokenOptimizer.Contracts;

namespace TokenOptimizer.Client;

/// <summary>Where usage goes and how the background sender behaves. Bind it from configuration or set it in code.</summary>
public sealed class TokenOptimizerClientOptions
{
    /// <summary>The Ingestion service's base URL, e.g. <c>http://127.0.0.1:5000</c>; needed for sending over HTTP.</summary>
    public Uri? IngestionUrl { get; set; }

    /// <summary>An <c>ingest</c> API key; sent as a bearer token, never logged.</summary>
    public string? ApiKey { get; set; }

    /// <summary>
    /// Most records waiting to be sent. When full, the <i>oldest</i> waiting record is dropped (and counted) so memory
    /// stays bounded during a long outage while the most recent usage is kept.
    /// </summary>
    public int BufferCapacity { get; set; } = 10_000;

    /// <summary>Most records per request, up to <see cref="UsageLimits.MaxBatchSize"/>.</summary>
    public int BatchSize { get; set; } = 500;

    /// <summary>How long a partly filled batch waits for more records before it is sent.</summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The first pause before a failed batch is sent again; it doubles (with jitter) up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The longest pause between attempts. Passing failures are retried for as long as the application runs.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long one HTTP request to Ingestion may take.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long disposing (or stopping the host) waits to deliver what is still buffered.</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Throws a clear error for a value that cannot work.</summary>
    public void Validate()
    {
        if (BufferCapacity < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(BufferCapacity), BufferCapacity, "BufferCapacity must be at least 1.");
        }

        if (BatchSize is < 1 or > UsageLimits.MaxBatchSize)
        {
            throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, $"BatchSize must be between 1 and {UsageLimits.MaxBatchSize}.");
        }

        if (FirstRetryDelay <= TimeSpan.Zero || MaxRetryDelay < FirstRetryDelay)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxRetryDelay), MaxRetryDelay, "FirstRetryDelay must be positive and MaxRetryDelay at least FirstRetryDelay.");
        }
    }
}
