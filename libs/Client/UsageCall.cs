using System.Diagnostics;
using TokenOptimizer.Contracts;

namespace TokenOptimizer.Client;

/// <summary>
/// One LLM call made with a provider's SDK directly (not through <see cref="UsageRecordingChatClient"/>): timed from
/// <see cref="Start"/>, its first token marked by <see cref="FirstToken"/>, and recorded once, by <see cref="Succeeded"/>
/// or <see cref="Failed"/>. A streamed call is recorded when its stream ends, so its latency covers the whole stream.
/// Recording never throws.
/// </summary>
public sealed class UsageCall
{
    private readonly IUsageRecorder _recorder;
    private readonly string _provider;
    private readonly string _model;
    private readonly CallAttribution? _attribution;
    private readonly bool _streaming;
    private readonly DateTimeOffset _occurredAt = DateTimeOffset.UtcNow;
    private readonly long _started = Stopwatch.GetTimestamp();
    private TimeSpan? _timeToFirstToken;
    private int _recorded;

    private UsageCall(IUsageRecorder recorder, string provider, string model, CallAttribution? attribution, bool streaming)
    {
        _recorder = recorder;
        _provider = provider;
        _model = model;
        _attribution = attribution;
        _streaming = streaming;
    }

    /// <summary>
    /// Starts timing a call to <paramref name="model"/> (the model asked for) at <paramref name="provider"/> (the one
    /// that bills it, e.g. from <see cref="ProviderEndpoints.ProviderOf"/>).
    /// </summary>
    public static UsageCall Start(IUsageRecorder recorder, string provider, string model, CallAttribution? attribution = null, bool streaming = false)
    {
        ArgumentNullException.ThrowIfNull(recorder);
        ArgumentException.ThrowIfNullOrWhiteSpace(provider);
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        return new UsageCall(recorder, provider, model, attribution, streaming);
    }

    /// <summary>Marks the first streamed token (only the first mark counts).</summary>
    public void FirstToken() => _timeToFirstToken ??= Stopwatch.GetElapsedTime(_started);

    /// <summary>Records the call as succeeded with <paramref name="counts"/> and the model the response named.</summary>
    public void Succeeded(TokenCounts counts, string? responseModel)
    {
        if (Interlocked.Exchange(ref _recorded, 1) == 0)
        {
            Hand(UsageRecords.Succeeded(_provider, _model, counts, _occurredAt, Stopwatch.GetElapsedTime(_started), _attribution, responseModel));
        }
    }

    /// <summary>
    /// Records the call as failed, under the provider and model it asked for. <paramref name="status"/> is the HTTP
    /// status an SDK reported in an exception type <see cref="CallErrors"/> does not know (see the adapters' <c>StatusOf</c>).
    /// </summary>
    public void Failed(Exception error, bool callerCancelled = false, int? status = null)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (Interlocked.Exchange(ref _recorded, 1) == 0)
        {
            Hand(UsageRecords.Failed(_provider, _model, error, callerCancelled, _occurredAt, Stopwatch.GetElapsedTime(_started), _attribution, status));
        }
    }

    private void Hand(UsageRecorded record)
    {
        try
        {
            _recorder.Record(record with { Streaming = _streaming, TimeToFirstTokenMs = _timeToFirstToken?.TotalMilliseconds });
        }
        catch (Exception)
        {
            // Recording must never fail the caller's call; a faulty recorder only loses this record.
        }
    }
}
