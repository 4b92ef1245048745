using System.Collections.Concurrent;
using System.Text.Json;
using TokenOptimizer.GraphQL;

namespace TokenOptimizer.Query.Serving;

/// <summary>
/// Root-field results keyed by read-model version, caller scope, field and arguments. A new version (a projection
/// moved) makes every older entry unreachable, and they are dropped; so repeated dashboard loads between events
/// cost one version read, and no answer is ever older than the read models. Results are immutable records. Each key
/// is computed once however many requests (or aliases of one request) ask for it at the same time: the first starts
/// the computation, the others await it.
/// </summary>
public sealed class ResultCache
{
    private const int MaxEntries = 2_000;

    private readonly ConcurrentDictionary<string, Task<object?>> _entries = new(StringComparer.Ordinal);
    private string _version = "";

    public async Task<object?> GetAsync(ResolveContext context, Func<QueryCaller, Task<object?>> compute)
    {
        var caller = QueryCaller.Of(context);
        var version = await caller.VersionAsync(context.CancellationToken);
        if (!string.Equals(Volatile.Read(ref _version), version, StringComparison.Ordinal))
        {
            Volatile.Write(ref _version, version);
            _entries.Clear();
        }

        if (_entries.Count > MaxEntries)
        {
            _entries.Clear();
        }

        var key = string.Join('\u001f', version, caller.ScopeTeam ?? "*", context.ParentType.Name, context.Field.Name, JsonSerializer.Serialize(context.Arguments));
        while (true)
        {
            var mine = new TaskCompletionSource<object?>(TaskCreationOptions.RunContinuationsAsynchronously);
            var entry = _entries.GetOrAdd(key, mine.Task);
            if (entry == mine.Task)
            {
                return await ComputeAsync(key, mine, () => compute(caller));
            }

            try
            {
                // Waiting stops when this request's client leaves, while the computation goes on for its starter.
                return await entry.WaitAsync(context.CancellationToken);
            }
            catch (OperationCanceledException) when (!context.CancellationToken.IsCancellationRequested)
            {
                // The request that started this computation went away (a browser navigating on) and cancelled it; this
                // request still wants the answer, so it computes it afresh.
                _entries.TryRemove(new KeyValuePair<string, Task<object?>>(key, entry));
            }
        }
    }

    // Hands the outcome to whoever else awaits the entry; a failure (bad input, a lost connection) is not remembered.
    private async Task<object?> ComputeAsync(string key, TaskCompletionSource<object?> entry, Func<Task<object?>> compute)
    {
        try
        {
            var result = await compute();
            entry.SetResult(result);
            return result;
        }
        catch (Exception error)
        {
            _entries.TryRemove(new KeyValuePair<string, Task<object?>>(key, entry.Task));
            if (error is OperationCanceledException cancelled)
            {
                entry.SetCanceled(cancelled.CancellationToken);
            }
            else
            {
                entry.SetException(error);
            }

            throw;
        }
    }
}
