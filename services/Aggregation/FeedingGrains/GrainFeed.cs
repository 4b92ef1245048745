using Npgsql;
using TokenOptimizer.EventStore;

namespace TokenOptimizer.Aggregation.FeedingGrains;

/// <summary>Feeds each key's grain once per page, all keys at once.</summary>
public abstract class GrainFeed<TGrain, TItem>(IGrainFactory grains) : IGrainFeed<TItem>
    where TGrain : IFedGrain<TItem>
{
    public async Task FeedAsync(IReadOnlyDictionary<string, List<TItem>> itemsByKey, CancellationToken cancellationToken)
    {
        try
        {
            await Task.WhenAll(itemsByKey.Select(k => grains.GetGrain<TGrain>(k.Key).FeedAsync(k.Value)));
        }
        catch (Exception exception) when (IsUnavailable(exception))
        {
            throw new ProjectionDependencyUnavailableException($"Feeding the {typeof(TGrain).Name} grains failed; the page will be fed again.", exception);
        }
    }

    // A silo, the cluster or the grains' storage failing is not the events' fault: the page is rolled back and fed again,
    // nothing skipped. What a grain's fold throws on an event, or PostgreSQL refuses for its data (SQLSTATE classes 22,
    // 23, 54), is the event's: it goes on to the daemon, which sets that event aside as a dead letter and goes on.
    private static bool IsUnavailable(Exception exception) => exception switch
    {
        PostgresException postgres => postgres.SqlState[..2] is not ("22" or "23" or "54"),
        OrleansException or NpgsqlException or TimeoutException => true,
        _ => false,
    };
}
