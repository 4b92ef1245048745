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
internal sealed class SharedLogReader(EventLog log, int spanSize = 2048, int maxSpans = 64)
{
    private readonly Lock _lock = new();
    private readonly SortedDictionary<long, Task<Span>> _spans = [];

    /// <summary>
    /// Up to <paramref name="limit"/> events in (<paramref name="after"/>, <paramref name="last"/>] that
    /// <paramref name="wanted"/> accepts, and how far the read got: the last returned event's sequence when the
    /// limit was reached, otherwise <paramref name="last"/>. Every event up to <paramref name="last"/> must be
    /// committed (the caller read it as the log's highest sequence).
    /// </summary>
    public async Task<(IReadOnlyList<StoredEvent> Events, long Reached)> ReadAsync(
        long after, long last, Func<StoredEvent, bool> wanted, int limit, CancellationToken cancellationToken)
    {
        var events = new List<StoredEvent>(Math.Min(limit, spanSize));
        var position = after;
        while (position < last)
        {
            var index = position / spanSize;
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
        while (_spans.Count > maxSpans)
        {
            // The oldest stretch goes first: the daemons that needed it have moved on, or are far enough behind
            // to be reading on their own anyway.
            _spans.Remove(_spans.Keys.First());
        }

        return read;
    }

    private void Forget(long index, Task<Span> failed)
    {
        lock (_lock)
        {
            if (_spans.TryGetValue(index, out var current) && current == failed)
            {
                _spans.Remove(index);
            }
        }
    }

    // Not cancellable: other readers may be waiting on it, and one of them leaving must not fail it for the rest.
    private async Task<Span> ReadSpanAsync(Span known, long through)
    {
        await using var command = log.DataSource.CreateCommand(
            $"SELECT seq, stream_id, version, type, data::text, recorded_at FROM {EventsTable.Name} WHERE seq > $1 AND seq <= $2 ORDER BY seq");
        command.Parameters.Add(new NpgsqlParameter { Value = known.Through });
        command.Parameters.Add(new NpgsqlParameter { Value = through });
        var read = await log.ReadEventsAsync(command, CancellationToken.None);
        return new Span(through, known.Events.Count == 0 ? read : [.. known.Events, .. read]);
    }

    /// <summary>Every event with a sequence up to <see cref="Through"/> within one span, in order.</summary>
    private sealed record Span(long Through, IReadOnlyList<StoredEvent> Events);
}
