using TokenOptimizer.GraphQL.Language;

namespace TokenOptimizer.GraphQL.Execution;

/// <summary>
/// Collects batch-field requests and dispatches them when the executor has no more synchronous work,
/// so that every parent reached in the same step shares one call (the DataLoader idea, per field).
/// </summary>
/// <remarks>
/// The executor wraps each burst of synchronous work in <see cref="Enter"/>; when the last open scope
/// closes, pending batches run. Results are delivered inside a scope too, so the continuations they
/// trigger (inline, thanks to ConfigureAwait(false)) batch together at the next level. A scope also
/// clears the SynchronizationContext: with one present (UI apps, test runners) .NET refuses to inline
/// continuations, and every parent would then be dispatched on its own.
/// </remarks>
internal sealed class BatchScheduler
{
    private readonly Lock _gate = new();
    private Dictionary<(FieldDefinition Field, FieldNode Node), Batch> _pending = [];
    private Dictionary<string, IKeyedBatch> _pendingLoads = [];
    private int _depth;

    public Scope Enter()
    {
        var previous = SynchronizationContext.Current;
        if (previous is not null)
        {
            SynchronizationContext.SetSynchronizationContext(null);
        }

        Interlocked.Increment(ref _depth);
        return new Scope(this, previous);
    }

    public Task<object?> Enqueue(FieldDefinition field, FieldNode node, ResolveContext context)
    {
        var completion = new TaskCompletionSource<object?>();
        lock (_gate)
        {
            if (!_pending.TryGetValue((field, node), out var batch))
            {
                _pending[(field, node)] = batch = new Batch(field);
            }

            batch.Contexts.Add(context);
            batch.Completions.Add(completion);
        }

        return completion.Task;
    }

    /// Queues one key for a named loader; all keys queued in the same step are fetched with one call.
    public Task<TValue?> Load<TKey, TValue>(
        string loader, TKey key, Func<IReadOnlyList<TKey>, CancellationToken, Task<IReadOnlyDictionary<TKey, TValue>>> fetch, CancellationToken cancellationToken)
        where TKey : notnull
    {
        Task<TValue?> result;
        lock (_gate)
        {
            if (!_pendingLoads.TryGetValue(loader, out var pending))
            {
                _pendingLoads[loader] = pending = new KeyedBatch<TKey, TValue>(fetch, cancellationToken);
            }

            result = ((KeyedBatch<TKey, TValue>)pending).Add(key);
        }

        // A resolver that resumed after its own I/O runs outside any executor scope; without this nudge
        // nothing would ever dispatch its load. Loads queued before the work item runs still share a batch.
        if (Volatile.Read(ref _depth) == 0)
        {
            ThreadPool.UnsafeQueueUserWorkItem(static scheduler => scheduler.Enter().Dispose(), this, preferLocal: false);
        }

        return result;
    }

    private void Exit()
    {
        if (Interlocked.Decrement(ref _depth) == 0)
        {
            Dispatch();
        }
    }

    private void Dispatch()
    {
        Dictionary<(FieldDefinition, FieldNode), Batch> ready;
        Dictionary<string, IKeyedBatch> readyLoads;
        lock (_gate)
        {
            if (_pending.Count == 0 && _pendingLoads.Count == 0)
            {
                return;
            }

            ready = _pending;
            _pending = [];
            readyLoads = _pendingLoads;
            _pendingLoads = [];
        }

        foreach (var batch in ready.Values)
        {
            _ = RunAsync(batch);
        }

        foreach (var load in readyLoads.Values)
        {
            _ = load.RunAsync(this);
        }
    }

    private async Task RunAsync(Batch batch)
    {
        IReadOnlyList<object?> results;
        try
        {
            results = await batch.Field.BatchResolver!(batch.Contexts).ConfigureAwait(false);
            if (results.Count != batch.Contexts.Count)
            {
                throw new InvalidOperationException(
                    $"The batch resolver of {batch.Field.Name} returned {results.Count} values for {batch.Contexts.Count} parents.");
            }
        }
        catch (Exception error)
        {
            using (Enter())
            {
                foreach (var completion in batch.Completions)
                {
                    completion.TrySetException(error);
                }
            }

            return;
        }

        using (Enter())
        {
            for (var i = 0; i < results.Count; i++)
            {
                batch.Completions[i].TrySetResult(results[i]);
            }
        }
    }

    public readonly struct Scope(BatchScheduler scheduler, SynchronizationContext? previous) : IDisposable
    {
        public void Dispose()
        {
            scheduler.Exit();
            if (previous is not null)
            {
                SynchronizationContext.SetSynchronizationContext(previous);
            }
        }
    }

    private interface IKeyedBatch
    {
        Task RunAsync(BatchScheduler scheduler);
    }

    private sealed class KeyedBatch<TKey, TValue>(
        Func<IReadOnlyList<TKey>, CancellationToken, Task<IReadOnlyDictionary<TKey, TValue>>> fetch, CancellationToken cancellationToken) : IKeyedBatch
        where TKey : notnull
    {
        private readonly Dictionary<TKey, TaskCompletionSource<TValue?>> _waiting = [];

        public Task<TValue?> Add(TKey key)
        {
            // The same key asked for twice in one step is fetched once.
            if (!_waiting.TryGetValue(key, out var completion))
            {
                _waiting[key] = completion = new TaskCompletionSource<TValue?>();
            }

            return completion.Task;
        }

        public async Task RunAsync(BatchScheduler scheduler)
        {
            IReadOnlyDictionary<TKey, TValue> values;
            try
            {
                values = await fetch([.. _waiting.Keys], cancellationToken).ConfigureAwait(false);
            }
            catch (Exception error)
            {
                using (scheduler.Enter())
                {
                    foreach (var completion in _waiting.Values)
                    {
                        completion.TrySetException(error);
                    }
                }

                return;
            }

            using (scheduler.Enter())
            {
                foreach (var (key, completion) in _waiting)
                {
                    completion.TrySetResult(values.TryGetValue(key, out var value) ? value : default);
                }
            }
        }
    }

    private sealed class Batch(FieldDefinition field)
    {
        public FieldDefinition Field { get; } = field;

        public List<ResolveContext> Contexts { get; } = [];

        public List<TaskCompletionSource<object?>> Completions { get; } = [];
    }
}
