using Marten;
using Npgsql;
using TokenOptimizer.Catalog;
using TokenOptimizer.Ingestion.RecordingUsage;
using TokenOptimizer.UsageLog;

namespace TokenOptimizer.Ingestion.PricingModels;

/// <summary>Reads and appends the <see cref="UsageStreams.ModelPrices"/> stream.</summary>
public sealed class ModelPriceLog(IDocumentStore store, NpgsqlDataSource dataSource, ModelCatalogHolder holder)
{
    /// <summary>Every custom price and alias set so far, laid over the shipped catalog.</summary>
    public async Task<PriceList> ReadAsync(CancellationToken cancellationToken)
    {
        return await PriceStream.ReadAsync(store, holder.Prices.Shipped, cancellationToken);
    }

    /// <summary>The stream's version: cheap enough to ask every couple of seconds.</summary>
    public async Task<int> ReadVersionAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT coalesce(max(version), 0)::int FROM {EventStoreTables.Streams} WHERE id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = UsageStreams.ModelPrices });
        return (int)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>
    /// Appends <paramref name="change"/> after the changes <paramref name="prices"/> holds and prices with it
    /// here at once; returns the list with it.
    /// </summary>
    /// <exception cref="StreamVersionConflictException">Another price or alias was set meanwhile.</exception>
    public async Task<PriceList> AppendAsync(PriceList prices, PriceChange change, CancellationToken cancellationToken)
    {
        var updated = prices.With(change);
        await EventStreams.AppendAsync(store, UsageStreams.ModelPrices, prices.Version, [change.Event], cancellationToken);
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
