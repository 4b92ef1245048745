using TokenOptimizer.GraphQL.Language;

namespace TokenOptimizer.GraphQL.Execution;

/// <summary>
/// Collects batch-field requests and dispatches them when the executor has no more synchronous work,
/// so that every parent reached in the same step shares one call (the DataLoader idea, per field).
/// </summary>
/// <remarks>
/// The executor wraps each burst of synchronous work in <see cref="Enter"/>; when the last open scope
/// closes, pending batches run. Results are delivered inside a scope too, so the continuations they
/// trigger (inline, thanks to ConfigureAwait(false)) batch together at the next level.
/// </remarks>
internal sealed class BatchScheduler
{
    private readonly Lock _gate = new();
    private Dictionary<(FieldDefinition Field, FieldNode Node), Batch> _pending = [];
    private int _depth;

    public Scope Enter()
    {
        Interlocked.Increment(ref _depth);
        return new Scope(this);
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
        lock (_gate)
        {
            if (_pending.Count == 0)
            {
                return;
            }

            ready = _pending;
            _pending = [];
        }

        foreach (var batch in ready.Values)
        {
            _ = RunAsync(batch);
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

    public readonly struct Scope(BatchScheduler scheduler) : IDisposable
    {
        public void Dispose() => scheduler.Exit();
    }

    private sealed class Batch(FieldDefinition field)
    {
        public FieldDefinition Field { get; } = field;

        public List<ResolveContext> Contexts { get; } = [];

        public List<TaskCompletionSource<object?>> Completions { get; } = [];
    }
}
