using Marten;
using Npgsql;
using TokenOptimizer.UsageLog;

namespace TokenOptimizer.Catalog;

/// <summary>
/// The effective <see cref="PriceList"/> for a service that does not own the usage store (Query, Recommendations):
/// a read-only Marten store over <see cref="UsageEventStore.Schema"/> of its own, read afresh on each call, so an
/// administrator's price counts from the next question asked.
/// </summary>
public sealed class PriceListReader : IDisposable
{
    private const string UndefinedTable = "42P01";

    private readonly DocumentStore _usageStore;
    private readonly ModelCatalog _shipped;

    /// <summary>Reads through <paramref name="dataSource"/>, laying the stream over <paramref name="shipped"/>.</summary>
    public PriceListReader(NpgsqlDataSource dataSource, ModelCatalog shipped)
    {
        _usageStore = DocumentStore.For(options =>
        {
            options.Connection(dataSource);
            UsageEventStore.Configure(options);
        });
        _shipped = shipped;
    }

    /// <summary>The shipped catalog with every price and alias set so far.</summary>
    public async Task<PriceList> ReadAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await PriceStream.ReadAsync(_usageStore, _shipped, cancellationToken);
        }
        catch (PostgresException exception) when (exception.SqlState == UndefinedTable)
        {
            // Ingestion and Aggregation create the store at start-up; until one has, nobody has set a price either.
            return PriceList.Of(_shipped, []);
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _usageStore.Dispose();
}
