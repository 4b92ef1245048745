using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace TokenOptimizer.Ingestion.CommittingUsage;

/// <summary>
/// Group commit: every HTTP request and bus batch hands its new records to one queue, and one to four writers each take
/// what has gathered (up to <see cref="GroupCommitOptions.MaxRecords"/>, or whatever came within
/// <see cref="GroupCommitOptions.MaxDelay"/>) and store it in one write. A caller's task completes only once its records
/// are committed, so a request is answered, and a bus message acknowledged, after its records are safe. A write that
/// fails for a reason other than a lost race is retried one caller at a time, so each caller gets its own outcome
/// (one bad record fails only its own request, which <c>PoisonIsolation</c> then narrows down).
/// </summary>
public sealed partial class UsageGroupCommit(UsageAppender appender, IOptions<GroupCommitOptions> options, ILogger<UsageGroupCommit> logger) : BackgroundService
{
    private readonly Channel<Submission> _queue = Channel.CreateUnbounded<Submission>(new UnboundedChannelOptions { SingleWriter = false });

    /// <summary>Stores <paramref name="records"/> with whatever else is being stored now; returns the stream ids this call started.</summary>
    public async Task<IReadOnlySet<string>> AppendAsync(IReadOnlyList<NewUsage> records, CancellationToken cancellationToken)
    {
        if (records.Count == 0)
        {
            return new HashSet<string>(StringComparer.Ordinal);
        }

        var submission = new Submission(records);
        await _queue.Writer.WriteAsync(submission, cancellationToken);
        // Once queued it is written whatever the caller does: waiting is all that may be cancelled.
        return await submission.Done.Task.WaitAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var writers = Math.Clamp(options.Value.Writers, 1, 4);
        try
        {
            await Task.WhenAll(Enumerable.Range(0, writers).Select(_ => Task.Run(() => WriteUntilStoppedAsync(stoppingToken), stoppingToken)));
        }
        finally
        {
            // Stopping: what was not written is not stored, and its callers are told so (nothing was answered as stored).
            _queue.Writer.TryComplete();
            while (_queue.Reader.TryRead(out var left))
            {
                left.Done.TrySetCanceled(stoppingToken);
            }
        }
    }

    private async Task WriteUntilStoppedAsync(CancellationToken stoppingToken)
    {
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync(stoppingToken))
        {
            var group = await GatherAsync(reader, stoppingToken);
            if (group.Count > 0)
            {
                await WriteAsync(group, stoppingToken);
            }
        }
    }

    private async Task<List<Submission>> GatherAsync(ChannelReader<Submission> reader, CancellationToken stoppingToken)
    {
        var group = new List<Submission>();
        var records = 0;
        using var window = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        window.CancelAfter(options.Value.MaxDelay);
        while (records < options.Value.MaxRecords)
        {
            if (reader.TryRead(out var submission))
            {
                group.Add(submission);
                records += submission.Records.Count;
                continue;
            }

            if (group.Count == 0 && !await reader.WaitToReadAsync(stoppingToken))
            {
                break;
            }

            try
            {
                if (group.Count > 0 && !await reader.WaitToReadAsync(window.Token))
                {
                    break;
                }
            }
            catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
            {
                break; // the window closed: write what we have
            }
        }

        return group;
    }

    private async Task WriteAsync(List<Submission> group, CancellationToken stoppingToken)
    {
        try
        {
            var unclaimed = new HashSet<string>(await appender.AppendAsync([.. group.SelectMany(s => s.Records)], stoppingToken), StringComparer.Ordinal);
            foreach (var submission in group)
            {
                // The same id sent twice at once is stored once, and only the first caller stored it.
                submission.Done.TrySetResult(submission.Records.Select(r => r.StreamId).Where(unclaimed.Remove).ToHashSet(StringComparer.Ordinal));
            }
        }
        catch (Exception exception) when (group.Count > 1 && !stoppingToken.IsCancellationRequested)
        {
            LogGroupFailed(group.Count, exception);
            foreach (var submission in group)
            {
                await WriteAsync([submission], stoppingToken);
            }
        }
        catch (Exception exception)
        {
            group[0].Done.TrySetException(exception);
        }
    }

    private sealed record Submission(IReadOnlyList<NewUsage> Records)
    {
        public TaskCompletionSource<IReadOnlySet<string>> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A group of {Requests} requests failed to store; storing each on its own")]
    private partial void LogGroupFailed(int requests, Exception exception);
}
