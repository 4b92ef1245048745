using TokenOptimizer.EventStore.Schema;
using Npgsql;
using TokenOptimizer.EventStore;
using TokenOptimizer.Ingestion.RecordingUsage;
using TokenOptimizer.UsageLog;

namespace TokenOptimizer.Ingestion.PricingModels;

/// <summary>Reads and appends the <see cref="UsageStreams.ModelPrices"/> stream.</summary>
public sealed class ModelPriceLog(EventLog log, ModelCatalogHolder holder)
{
    /// <summary>Every custom price set so far, laid over the shipped catalog.</summary>
    public async Task<PriceList> ReadAsync(CancellationToken cancellationToken)
    {
        var events = await log.FetchStreamAsync(UsageStreams.ModelPrices, cancellationToken);
        return PriceList.Of(holder.Prices.Shipped, events.Select(e => e.Data).OfType<ModelPriceSet>());
    }

    /// <summary>The stream's version: cheap enough to ask every couple of seconds.</summary>
    public async Task<int> ReadVersionAsync(CancellationToken cancellationToken)
    {
        await using var command = log.DataSource.CreateCommand($"SELECT coalesce(max(version), 0) FROM {EventsTable.Name} WHERE stream_id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = UsageStreams.ModelPrices });
        return (int)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>
    /// Appends <paramref name="price"/> after the prices <paramref name="prices"/> holds and prices with it
    /// here at once; returns the list with it.
    /// </summary>
    /// <exception cref="ConcurrencyException">Another price was set meanwhile.</exception>
    public async Task<PriceList> AppendAsync(PriceList prices, ModelPriceSet price, CancellationToken cancellationToken)
    {
        var updated = prices.With(price);
        await log.AppendAsync(UsageStreams.ModelPrices, prices.Version, [price], cancellationToken);
        holder.Replace(updated);
        return updated;
    }

    /// <summary>Brings this instance's catalog up to the stream, if a price was set since it last looked.</summary>
    public async Task<PriceList> RefreshAsync(CancellationToken cancellationToken)
    {
        if (await ReadVersionAsync(cancellationToken) != holder.Prices.Version)
        {
            holder.Replace(await ReadAsync(cancellationToken));
        }

        return holder.Prices;
    }
}
