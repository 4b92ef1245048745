using System.Diagnostics.Metrics;
using TokenOptimizer.Ingestion.RecordingUsage;
using TokenOptimizer.ServiceDefaults;

namespace TokenOptimizer.Ingestion;

/// <summary>Counters of what ingestion accepted, deduplicated, rejected and could not price.</summary>
public sealed class IngestionMetrics : IDisposable
{
    public const string MeterName = TelemetryExtensions.SourcePrefix + "Ingestion";

    private readonly Meter _meter = new(MeterName);
    private readonly Counter<long> _accepted;
    private readonly Counter<long> _duplicates;
    private readonly Counter<long> _rejected;
    private readonly Counter<long> _unpriced;

    public IngestionMetrics()
    {
        _accepted = _meter.CreateCounter<long>("usage.records.accepted");
        _duplicates = _meter.CreateCounter<long>("usage.records.duplicates");
        _rejected = _meter.CreateCounter<long>("usage.records.rejected");
        _unpriced = _meter.CreateCounter<long>("usage.records.unpriced");
    }

    public void Record(IngestionResult result, string source)
    {
        var tag = new KeyValuePair<string, object?>("source", source);
        _accepted.Add(result.Accepted, tag);
        _duplicates.Add(result.Duplicates, tag);
        _rejected.Add(result.Rejected, tag);
        _unpriced.Add(result.Unpriced, tag);
    }

    public void Dispose() => _meter.Dispose();
}
