using System.Collections.Concurrent;
using System.Text.Json;
using TokenOptimizer.GraphQL;

namespace TokenOptimizer.Query.Serving;

/// <summary>
/// Root-field results keyed by read-model version, caller scope, field and arguments. A new version (a projection
/// moved) makes every older entry unreachable, and they are dropped; so repeated dashboard loads between events
/// cost one version read, and no answer is ever older than the read models. Results are immutable records.
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
            // Two requests racing for a new key may both compute it: harmless, and no lock is held while computing.
            var started = false;
            var entry = _entries.GetOrAdd(key, _ =>
            {
                started = true;
                return compute(caller);
            });
            try
            {
                return await entry;
            }
            catch (OperationCanceledException) when (!started && !context.CancellationToken.IsCancellationRequested)
            {
                // The request that started this computation went away (a browser navigating on) and cancelled it; this
                // request still wants the answer, so it computes it afresh.
                _entries.TryRemove(new KeyValuePair<string, Task<object?>>(key, entry));
            }
            catch
            {
                _entries.TryRemove(new KeyValuePair<string, Task<object?>>(key, entry)); // A failure (bad input, a lost connection) is not remembered.
                throw;
            }
        }
    }
}
