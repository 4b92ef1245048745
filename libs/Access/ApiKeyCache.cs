namespace TokenOptimizer.Access;

/// <summary>
/// Active keys recently found in the database, so that a hot endpoint does not query it per request. Only
/// keys that exist and are not revoked are kept (at most one entry per stored key); the presented secret is
/// still checked against the cached hash on every request.
/// </summary>
internal sealed class ApiKeyCache(TimeProvider time, TimeSpan duration)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private long _revocations;

    /// <summary>A fresh entry for <paramref name="keyId"/>, or null.</summary>
    public ActiveKey? Find(string keyId)
    {
        lock (_gate)
        {
            return _entries.TryGetValue(keyId, out var entry) && time.GetUtcNow() < entry.ExpiresAt ? entry.Key : null;
        }
    }

    /// <summary>Call before reading the database; pass the result to <see cref="Add"/>.</summary>
    public long BeginLookup()
    {
        lock (_gate)
        {
            return _revocations;
        }
    }

    /// <summary>
    /// Remembers a key read from the database, unless a revocation happened since <paramref name="lookup"/>
    /// began: the row read may predate it, and caching it would revive the revoked key.
    /// </summary>
    public void Add(ActiveKey key, long lookup)
    {
        lock (_gate)
        {
            if (_revocations == lookup)
            {
                _entries[key.Principal.KeyId] = new Entry(key, time.GetUtcNow() + duration);
            }
        }
    }

    /// <summary>Forgets every key: revocations may have gone unheard.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _revocations++;
            _entries.Clear();
        }
    }

    /// <summary>Forgets a key that was just revoked in the database.</summary>
    public void Revoked(string keyId)
    {
        lock (_gate)
        {
            _revocations++;
            _entries.Remove(keyId);
        }
    }

    private readonly record struct Entry(ActiveKey Key, DateTimeOffset ExpiresAt);
}
