using System.Diagnostics.CodeAnalysis;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using TokenOptimizer.Contracts;

namespace TokenOptimizer.Client;

/// <summary>
/// Buffers usage records in a bounded queue and sends them in batches from one background loop, retrying passing
/// failures with exponential backoff and jitter for as long as it runs. <see cref="Record"/> only enqueues.
/// Disposing it sends what is buffered, waiting at most <see cref="TokenOptimizerClientOptions.ShutdownTimeout"/>.
/// </summary>
public sealed partial class UsageRecorder : IUsageRecorder, IAsyncDisposable, IDisposable
{
    private readonly Channel<UsageRecorded> _buffer;
    private readonly IUsageTransport _transport;
    private readonly TokenOptimizerClientOptions _options;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _sending;
    private TaskCompletionSource _progress = NewSignal();
    private CancellationTokenSource? _lingering;
    private int _hurryFlag;
    private long _recorded;
    private long _delivered;
    private long _rejected;
    private long _refused;
    private long _dropped;
    private long _unsent;

    /// <summary>Starts the background loop that sends through <paramref name="transport"/>.</summary>
    public UsageRecorder(IUsageTransport transport, TokenOptimizerClientOptions options, ILogger<UsageRecorder>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(transport);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _transport = transport;
        _options = options;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _buffer = Channel.CreateBounded<UsageRecorded>(
            new BoundedChannelOptions(options.BufferCapacity)
            {
                FullMode = BoundedChannelFullMode.DropOldest,
                SingleReader = true,
                // The caller's thread must never run the sender's continuation.
                AllowSynchronousContinuations = false,
            },
            _ => Interlocked.Increment(ref _dropped));
        _sending = Task.Run(SendLoopAsync);
    }

    /// <summary>Records handed to <see cref="Record"/>.</summary>
    public long Recorded => Interlocked.Read(ref _recorded);

    /// <summary>Records TokenOptimizer accepted (stored, or recognised as duplicates).</summary>
    public long Delivered => Interlocked.Read(ref _delivered);

    /// <summary>Records TokenOptimizer found invalid; it keeps them in its quarantine with the reasons.</summary>
    public long Rejected => Interlocked.Read(ref _rejected);

    /// <summary>Records in batches refused as a whole (e.g. a wrong API key); they are not sent again.</summary>
    public long Refused => Interlocked.Read(ref _refused);

    /// <summary>Records dropped because the buffer was full (the oldest waiting ones), or recorded after disposal.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Records still undelivered when the shutdown timeout ran out.</summary>
    public long Unsent => Interlocked.Read(ref _unsent);

    /// <summary>Records waiting in the buffer or in the batch being sent.</summary>
    public long Pending => Recorded - Delivered - Rejected - Refused - Dropped - Unsent;

    /// <inheritdoc />
    public void Record(UsageRecorded record)
    {
        if (record is null)
        {
            return;
        }

        Interlocked.Increment(ref _recorded);
        if (!_buffer.Writer.TryWrite(record))
        {
            Interlocked.Increment(ref _dropped);
        }
    }

    /// <summary>Sends what is buffered now, without waiting for batches to fill; completes when nothing is pending.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        Hurry();
        while (Pending > 0 && !_sending.IsCompleted)
        {
            var progress = Volatile.Read(ref _progress).Task;
            if (Pending == 0)
            {
                break;
            }

            await progress.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Stops taking records, sends the buffered ones within the shutdown timeout, and counts the rest as unsent.</summary>
    [SuppressMessage("Usage", "VSTHRD003:Avoid awaiting foreign Tasks", Justification = "The send loop is started by Task.Run in the constructor, outside any synchronization context.")]
    public async ValueTask DisposeAsync()
    {
        if (!_buffer.Writer.TryComplete())
        {
            return;
        }

        Hurry();
        _stopping.CancelAfter(_options.ShutdownTimeout);
        await _sending.ConfigureAwait(false);
        _stopping.Dispose();
        if (Unsent > 0)
        {
            LogUnsent(Unsent, _options.ShutdownTimeout);
        }
    }

    /// <summary>
    /// The same for code that can only dispose synchronously (a <c>ServiceProvider</c> disposed with <c>using</c>): blocks
    /// the calling thread for at most the shutdown timeout.
    /// </summary>
    [SuppressMessage("Usage", "VSTHRD002:Avoid problematic synchronous waits", Justification = "The send loop runs on the thread pool and never needs the caller's context, so waiting cannot deadlock.")]
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private async Task SendLoopAsync()
    {
        var batch = new List<UsageRecorded>(_options.BatchSize);
        try
        {
            while (await _buffer.Reader.WaitToReadAsync(_stopping.Token).ConfigureAwait(false))
            {
                Fill(batch);
                if (batch.Count < _options.BatchSize && !Hurrying)
                {
                    await LingerAsync().ConfigureAwait(false);
                    Fill(batch);
                }

                await DeliverAsync(batch).ConfigureAwait(false);
                batch.Clear();
                if (_buffer.Reader.Count == 0 && !_buffer.Reader.Completion.IsCompleted)
                {
                    Interlocked.Exchange(ref _hurryFlag, 0);
                }

                Signal();
            }
        }
        catch (Exception) when (_stopping.IsCancellationRequested)
        {
            // Shutdown timed out (the transport may report that as any exception): what is left is counted below.
        }

        Interlocked.Add(ref _unsent, batch.Count);
        while (_buffer.Reader.TryRead(out _))
        {
            Interlocked.Increment(ref _unsent);
        }

        Signal();
    }

    private void Fill(List<UsageRecorded> batch)
    {
        while (batch.Count < _options.BatchSize && _buffer.Reader.TryRead(out var record))
        {
            batch.Add(record);
        }
    }

    private async Task LingerAsync()
    {
        using var lingering = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
        // Publish, then look at the hurry flag again (a full fence between): a flush that came in between either
        // sees this linger and cancels it, or is seen here.
        Interlocked.Exchange(ref _lingering, lingering);
        try
        {
            if (!Hurrying)
            {
                await Task.Delay(_options.FlushInterval, lingering.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (!_stopping.IsCancellationRequested)
        {
            // Asked to flush now.
        }
        finally
        {
            Volatile.Write(ref _lingering, null);
        }
    }

    private void Hurry()
    {
        Interlocked.Exchange(ref _hurryFlag, 1);
        try
        {
            Volatile.Read(ref _lingering)?.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The linger ended meanwhile.
        }
    }

    private async Task DeliverAsync(List<UsageRecorded> batch)
    {
        for (var attempt = 1; ; attempt++)
        {
            DeliveryResult result;
            try
            {
                result = await _transport.SendAsync(batch, _stopping.Token).ConfigureAwait(false);
            }
            catch (Exception exception) when (!_stopping.IsCancellationRequested)
            {
                result = DeliveryResult.TryAgain(exception.GetType().Name + ": " + exception.Message);
            }

            switch (result.Kind)
            {
                case DeliveryKind.Delivered:
                    Interlocked.Add(ref _rejected, result.Rejected);
                    Interlocked.Add(ref _delivered, batch.Count - result.Rejected);
                    if (attempt > 1)
                    {
                        LogRecovered(batch.Count, attempt);
                    }

                    return;
                case DeliveryKind.Refused:
                    Interlocked.Add(ref _refused, batch.Count);
                    LogRefused(batch.Count, result.Reason);
                    return;
                default:
                    var delay = RetryBackoff.Delay(attempt, _options.FirstRetryDelay, _options.MaxRetryDelay);
                    LogRetrying(batch.Count, attempt, result.Reason, delay);
                    await Task.Delay(delay, _stopping.Token).ConfigureAwait(false);
                    break;
            }
        }
    }

    private bool Hurrying => Volatile.Read(ref _hurryFlag) == 1;

    private void Signal() => Interlocked.Exchange(ref _progress, NewSignal()).TrySetResult();

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not send {Count} usage records (attempt {Attempt}): {Reason}. Trying again in {Delay}.")]
    private partial void LogRetrying(int count, int attempt, string? reason, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sent {Count} usage records after {Attempt} attempts.")]
    private partial void LogRecovered(int count, int attempt);

    [LoggerMessage(Level = LogLevel.Error, Message = "TokenOptimizer refused {Count} usage records: {Reason}. They are not sent again.")]
    private partial void LogRefused(int count, string? reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} usage records were still unsent when the shutdown timeout of {Timeout} ran out.")]
    private partial void LogUnsent(long count, TimeSpan timeout);
}
