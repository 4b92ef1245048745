using System.Diagnostics.Metrics;
using TokenOptimizer.Ingestion.RecordingUsage;
using TokenOptimizer.ServiceDefaults;
using TokenOptimizer.UsageLog;

namespace TokenOptimizer.Ingestion;

/// <summary>
/// Counters of what ingestion accepted, deduplicated, rejected and could not price, what the accepted calls cost and how many
/// tokens they used, and of the trace spans it ignored. Exported with the other <c>TokenOptimizer.*</c> meters (ServiceDefaults).
/// </summary>
public sealed class IngestionMetrics
{
    public const string MeterName = TelemetryExtensions.SourcePrefix + "Ingestion";

    private readonly Counter<long> _accepted;
    private readonly Counter<long> _duplicates;
    private readonly Counter<long> _rejected;
    private readonly Counter<long> _unpriced;
    private readonly Counter<long> _ignoredSpans;
    private readonly Counter<double> _cost;
    private readonly Counter<long> _tokens;

    public IngestionMetrics(IMeterFactory meters)
    {
        // From the host's factory, which owns and disposes the meter, and lets a test listen to this host's alone.
        var meter = meters.Create(MeterName);
        _accepted = meter.CreateCounter<long>("usage.records.accepted");
        _duplicates = meter.CreateCounter<long>("usage.records.duplicates");
        _rejected = meter.CreateCounter<long>("usage.records.rejected");
        _unpriced = meter.CreateCounter<long>("usage.records.unpriced");
        _ignoredSpans = meter.CreateCounter<long>("otlp.spans.ignored", description: "Spans received over OTLP that record no GenAI model call.");
        // A double, as every metric value is: the figures to the cent are the read models' (decimal), these show the trend.
        _cost = meter.CreateCounter<double>("usage.cost", "USD", "What the accepted calls cost, priced at ingestion; an unpriced call adds nothing.");
        _tokens = meter.CreateCounter<long>("usage.tokens", "{token}", "Tokens of the accepted calls, by kind: input (cached reads included) and output.");
    }

    public void Record(IngestionResult result, string source)
    {
        var tag = new KeyValuePair<string, object?>("source", source);
        _accepted.Add(result.Accepted, tag);
        _duplicates.Add(result.Duplicates, tag);
        _rejected.Add(result.Rejected, tag);
        _unpriced.Add(result.Unpriced, tag);
    }

    /// <summary>The cost and tokens of the calls stored (duplicates excluded).</summary>
    public void RecordStored(IEnumerable<UsageIngested> stored, string source)
    {
        var tag = new KeyValuePair<string, object?>("source", source);
        foreach (var call in stored)
        {
            _cost.Add((double)call.Cost.TotalUsd, tag);
            _tokens.Add(call.Usage.InputTokens, tag, new KeyValuePair<string, object?>("kind", "input"));
            _tokens.Add(call.Usage.OutputTokens, tag, new KeyValuePair<string, object?>("kind", "output"));
        }
    }

    public void RecordIgnoredSpans(int count) => _ignoredSpans.Add(count);
}
