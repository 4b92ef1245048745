namespace TokenOptimizer.UsageLog;

/// <summary>
/// Marten's event tables by name, for the few admin statements Marten has no API for (retention deletes whole usage
/// streams; erasure rewrites a user id inside stored events; a re-price finds the calls a price affects by their data).
/// Everything else goes through Marten's sessions and daemon.
/// </summary>
public static class EventStoreTables
{
    /// <summary>One row per event: <c>seq_id</c>, <c>stream_id</c>, <c>version</c>, <c>type</c>, <c>data</c>, <c>timestamp</c>.</summary>
    public const string Events = UsageEventStore.Schema + ".mt_events";

    /// <summary>One row per stream (<c>id</c>, <c>version</c>); deleting one deletes its events.</summary>
    public const string Streams = UsageEventStore.Schema + ".mt_streams";

    /// <summary>The daemon's progress per projection shard (<c>name</c>, <c>last_seq_id</c>), and its high-water mark.</summary>
    public const string Progression = UsageEventStore.Schema + ".mt_event_progression";

    /// <summary>The events a projection could not apply (Marten's DeadLetterEvent documents).</summary>
    public const string DeadLetters = UsageEventStore.Schema + ".mt_doc_deadletterevent";

    /// <summary>The events table of the Marten store in <paramref name="schema"/> (Recommendations keeps a store of its own).</summary>
    public static string EventsIn(string schema) => schema + ".mt_events";

    /// <summary>The streams table of the Marten store in <paramref name="schema"/>.</summary>
    public static string StreamsIn(string schema) => schema + ".mt_streams";
}
