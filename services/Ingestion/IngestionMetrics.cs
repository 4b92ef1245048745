using System.Diagnostics.Metrics;
using TokenOptimizer.Ingestion.RecordingUsage;
using TokenOptimizer.ServiceDefaults;

namespace TokenOptimizer.Ingestion;

/// <summary>Counters of what ingestion accepted, deduplicated, rejected and could not price, and of the trace spans it ignored.</summary>
public sealed class IngestionMetrics
{
    public const string MeterName = TelemetryExtensions.SourcePrefix + "Ingestion";

    private readonly Counter<long> _accepted;
    private readonly Counter<long> _duplicates;
    private readonly Counter<long> _rejected;
    private readonly Counter<long> _unpriced;
    private readonly Counter<long> _ignoredSpans;

    public IngestionMetrics(IMeterFactory meters)
    {
        // From the host's factory, which owns and disposes the meter, and lets a test listen to this host's alone.
        var meter = meters.Create(MeterName);
        _accepted = meter.CreateCounter<long>("usage.records.accepted");
        _duplicates = meter.CreateCounter<long>("usage.records.duplicates");
        _rejected = meter.CreateCounter<long>("usage.records.rejected");
        _unpriced = meter.CreateCounter<long>("usage.records.unpriced");
        _ignoredSpans = meter.CreateCounter<long>("otlp.spans.ignored", description: "Spans received over OTLP that record no GenAI model call.");
    }

    public void Record(IngestionResult result, string source)
    {
        var tag = new KeyValuePair<string, object?>("source", source);
        _accepted.Add(result.Accepted, tag);
        _duplicates.Add(result.Duplicates, tag);
        _rejected.Add(result.Rejected, tag);
        _unpriced.Add(result.Unpriced, tag);
    }

    public void RecordIgnoredSpans(int count) => _ignoredSpans.Add(count);
}
