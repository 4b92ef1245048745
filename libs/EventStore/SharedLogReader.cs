using System.Diagnostics;
using Npgsql;
using TokenOptimizer.EventStore.Schema;

namespace TokenOptimizer.EventStore;

/// <summary>
/// The log as the daemons of one process read it: fixed spans of sequence numbers, each read from PostgreSQL
/// and deserialised once, then shared. Several projections catching up over the same events (or following
/// the same new ones) would otherwise each fetch and parse every event; with this, the one in front reads and
/// the others take its copy. Events are immutable once committed, and sequence order is commit order, so a
/// span read up to a committed sequence stays true forever: the cache never needs invalidating.
/// </summary>
/// <remarks>
/// The cache holds <c>maxSpans</c> spans. While catching up, a fast projection would run further ahead of a
/// slow one than that, evict the spans the slow one still needs, and make it read and parse them again (on a
/// 1M-event catch-up that was 2.8 reads per event). So a reader catching up waits before it would evict the
/// next span of the slowest reader that is still moving. Readers at the head of the log never wait, and a
/// reader that has not read for <c>idleAfter</c> (stopped, failing, lost its lock) holds no one back; it is
/// long enough for the biggest batch a slow projection applies between two reads.
/// </remarks>
internal sealed class SharedLogReader(EventLog log, int spanSize = 2048, int maxSpans = 64, TimeSpan? idleAfter = null)
{
    private readonly TimeSpan _idleAfter = idleAfter ?? TimeSpan.FromSeconds(30);
    private readonly Lock _lock = new();
    private readonly Dictionary<long, Task<Span>> _spans = [];
    private readonly Dictionary<long, long> _lastUsed = []; // span index → access counter when last handed out
    private long _uses;
    private readonly Dictionary<string, ReaderPosition> _readers = [];
    private TaskCompletionSource _readerMoved = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _spansRead;

    /// <summary>How many span reads went to PostgreSQL (a span extended at the head counts again).</summary>
    public long SpansRead => Interlocked.Read(ref _spansRead);

    /// <summary>
    /// Up to <paramref name="limit"/> events in (<paramref name="after"/>, <paramref name="last"/>] that
    /// <paramref name="wanted"/> accepts, and how far the read got: the last returned event's sequence when the
    /// limit was reached, otherwise <paramref name="last"/>. Every event up to <paramref name="last"/> must be
    /// committed (the caller read it as the log's highest sequence). <paramref name="reader"/> names the caller
    /// (its projection) so readers far apart can be paced.
    /// </summary>
    public async Task<(IReadOnlyList<StoredEvent> Events, long Reached)> ReadAsync(
        string reader, long after, long last, Func<StoredEvent, bool> wanted, int limit, CancellationToken cancellationToken)
    {
        var events = new List<StoredEvent>(Math.Min(limit, spanSize));
        var position = after;
        while (position < last)
        {
            var index = position / spanSize;
            Report(reader, index);
            await PaceAsync(reader, index, last, cancellationToken);
            var span = await SpanAsync(index, Math.Min(last, (index + 1) * spanSize), cancellationToken);
            foreach (var stored in span.Events)
            {
                if (stored.Sequence <= position || stored.Sequence > last || !wanted(stored))
                {
                    continue;
                }

                events.Add(stored);
                if (events.Count == limit)
                {
                    return (events, stored.Sequence);
                }
            }

            position = Math.Min(span.Through, last);
        }

        return (events, position);
    }

    // Records that `reader` now needs span `index`, and wakes whoever waits for it to move.
    private void Report(string reader, long index)
    {
        TaskCompletionSource? moved = null;
        lock (_lock)
        {
            var known = _readers.TryGetValue(reader, out var before);
            _readers[reader] = new ReaderPosition(index, Stopwatch.GetTimestamp());
            if (!known || before.SpanIndex != index)
            {
                moved = _readerMoved;
                _readerMoved = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }

        moved?.TrySetResult();
    }

    // Waits while reading span `index` would evict the next span of a slower reader that is still moving.
    private async Task PaceAsync(string reader, long index, long last, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task moved;
            lock (_lock)
            {
                if (!MustWait(reader, index, last))
                {
                    return;
                }

                moved = _readerMoved.Task;
            }

            // Woken when any reader moves; the timeout lets a reader that went idle stop counting.
            await Task.WhenAny(moved, Task.Delay(_idleAfter, cancellationToken));
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    // Reading span `index` would push a slower, still-moving reader's next span out of the cache.
    private bool MustWait(string reader, long index, long last)
    {
        if (index >= last / spanSize - 1 || _spans.ContainsKey(index))
        {
            return false; // at the head (followers never wait), or nothing new is cached
        }

        foreach (var (name, position) in _readers)
        {
            if (name != reader && index - position.SpanIndex >= maxSpans - 1 && Stopwatch.GetElapsedTime(position.SeenAt) < _idleAfter)
            {
                return true;
            }
        }

        return false;
    }

    // The span holding sequences (index·size, (index+1)·size], read at least through `through`.
    private async Task<Span> SpanAsync(long index, long through, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task<Span> pending;
            lock (_lock)
            {
                if (!_spans.TryGetValue(index, out pending!))
                {
                    pending = Start(index, null, through);
                }

                _lastUsed[index] = ++_uses;
            }

            Span span;
            try
            {
                span = await pending.WaitAsync(cancellationToken);
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                Forget(index, pending);
                throw;
            }

            if (span.Through >= through)
            {
                return span;
            }

            // The head of the log grew since this span was read: read on from where it ended (once, for everyone).
            lock (_lock)
            {
                if (_spans.TryGetValue(index, out var current) && current == pending)
                {
                    Start(index, span, through);
                }
            }
        }
    }

    private Task<Span> Start(long index, Span? known, long through)
    {
        var read = ReadSpanAsync(known ?? new Span(index * spanSize, []), through);
        _spans[index] = read;
        _lastUsed[index] = ++_uses;
        while (_spans.Count > maxSpans)
        {
            // The least recently used goes first: every daemon that needed it has moved on (or is idle). A slow
            // reader re-reading an evicted span keeps it, rather than losing it again to its own insert.
            var coldest = _lastUsed.MinBy(entry => entry.Value).Key;
            _spans.Remove(coldest);
            _lastUsed.Remove(coldest);
        }

        return read;
    }

    /// <summary>
    /// Drops every cached span. Retention deletes old events, which a span read before may still hold: a reader going
    /// back to the start (a rebuild) must read the log as it is now.
    /// </summary>
    public void Clear()
    {
        lock (_lock)
        {
            _spans.Clear();
            _lastUsed.Clear();
        }
    }

    private void Forget(long index, Task<Span> failed)
    {
        lock (_lock)
        {
            if (_spans.TryGetValue(index, out var current) && current == failed)
            {
                _spans.Remove(index);
                _lastUsed.Remove(index);
            }
        }
    }

    // Not cancellable: other readers may be waiting on it, and one of them leaving must not fail it for the rest.
    private async Task<Span> ReadSpanAsync(Span known, long through)
    {
        Interlocked.Increment(ref _spansRead);
        await using var command = log.DataSource.CreateCommand(
            $"SELECT seq, stream_id, version, type, data::text, recorded_at FROM {EventsTable.Name} WHERE seq > $1 AND seq <= $2 ORDER BY seq");
        command.Parameters.Add(new NpgsqlParameter { Value = known.Through });
        command.Parameters.Add(new NpgsqlParameter { Value = through });
        var read = await log.ReadEventsAsync(command, CancellationToken.None);
        return new Span(through, known.Events.Count == 0 ? read : [.. known.Events, .. read]);
    }

    /// <summary>Every event with a sequence up to <see cref="Through"/> within one span, in order.</summary>
    private sealed record Span(long Through, IReadOnlyList<StoredEvent> Events);

    /// <summary>The span a reader needs next, and when it last read.</summary>
    private readonly record struct ReaderPosition(long SpanIndex, long SeenAt);
}
