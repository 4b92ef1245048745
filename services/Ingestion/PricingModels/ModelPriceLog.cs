using Marten;
using Npgsql;
using TokenOptimizer.Ingestion.RecordingUsage;
using TokenOptimizer.UsageLog;

namespace TokenOptimizer.Ingestion.PricingModels;

/// <summary>Reads and appends the <see cref="UsageStreams.ModelPrices"/> stream.</summary>
public sealed class ModelPriceLog(IDocumentStore store, NpgsqlDataSource dataSource, ModelCatalogHolder holder)
{
    /// <summary>Every custom price set so far, laid over the shipped catalog.</summary>
    public async Task<PriceList> ReadAsync(CancellationToken cancellationToken)
    {
        var events = await EventStreams.ReadAsync(store, UsageStreams.ModelPrices, cancellationToken);
        return PriceList.Of(holder.Prices.Shipped, events.Select(e => e.Data).OfType<ModelPriceSet>());
    }

    /// <summary>The stream's version: cheap enough to ask every couple of seconds.</summary>
    public async Task<int> ReadVersionAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT coalesce(max(version), 0)::int FROM {EventStoreTables.Streams} WHERE id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = UsageStreams.ModelPrices });
        return (int)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>
    /// Appends <paramref name="price"/> after the prices <paramref name="prices"/> holds and prices with it
    /// here at once; returns the list with it.
    /// </summary>
    /// <exception cref="StreamVersionConflictException">Another price was set meanwhile.</exception>
    public async Task<PriceList> AppendAsync(PriceList prices, ModelPriceSet price, CancellationToken cancellationToken)
    {
        var updated = prices.With(price);
        await EventStreams.AppendAsync(store, UsageStreams.ModelPrices, prices.Version, [price], cancellationToken);
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
