using Npgsql;

namespace TokenOptimizer.Ingestion.PricingModels;

/// <summary>Counts and lists the models that arrived without a price, and forgets records once a price covers them.</summary>
public sealed class UnpricedModels(NpgsqlDataSource dataSource)
{
    /// <summary>Counts newly stored unpriced records, in the transaction that stores them.</summary>
    public static async Task CountAsync(
        IEnumerable<(string Provider, string Model, DateTimeOffset OccurredAt)> records, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var groups = records
            .GroupBy(r => (r.Provider, r.Model))
            .Select(g => (g.Key.Provider, g.Key.Model, Count: (long)g.Count(), First: g.Min(r => r.OccurredAt), Last: g.Max(r => r.OccurredAt)))
            .ToList();
        if (groups.Count == 0)
        {
            return;
        }

        await using var command = new NpgsqlCommand(
            $"""
            INSERT INTO {UnpricedModelsTable.Name} AS u (provider, model, records, first_seen, last_seen)
            SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[], $4::timestamptz[], $5::timestamptz[])
            ON CONFLICT (provider, model) DO UPDATE SET
                records = u.records + excluded.records,
                first_seen = least(u.first_seen, excluded.first_seen),
                last_seen = greatest(u.last_seen, excluded.last_seen)
            """, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = groups.Select(g => g.Provider).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = groups.Select(g => g.Model).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = groups.Select(g => g.Count).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = groups.Select(g => g.First.UtcDateTime).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = groups.Select(g => g.Last.UtcDateTime).ToArray() });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Takes records that are priced now off their model's count; a model with none left leaves the list.</summary>
    public async Task ForgetAsync(IEnumerable<(string Provider, string Model)> pricedNow, CancellationToken cancellationToken)
    {
        var groups = pricedNow.GroupBy(r => r).Select(g => (g.Key.Provider, g.Key.Model, Count: (long)g.Count())).ToList();
        if (groups.Count == 0)
        {
            return;
        }

        await using var batch = dataSource.CreateBatch();
        var count = new NpgsqlBatchCommand(
            $"""
            UPDATE {UnpricedModelsTable.Name} AS u SET records = u.records - p.records
            FROM unnest($1::text[], $2::text[], $3::bigint[]) AS p(provider, model, records)
            WHERE u.provider = p.provider AND u.model = p.model
            """);
        count.Parameters.Add(new NpgsqlParameter { Value = groups.Select(g => g.Provider).ToArray() });
        count.Parameters.Add(new NpgsqlParameter { Value = groups.Select(g => g.Model).ToArray() });
        count.Parameters.Add(new NpgsqlParameter { Value = groups.Select(g => g.Count).ToArray() });
        batch.BatchCommands.Add(count);
        batch.BatchCommands.Add(new NpgsqlBatchCommand($"DELETE FROM {UnpricedModelsTable.Name} WHERE records <= 0"));
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<UnpricedModel>> ListAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"SELECT provider, model, records, first_seen, last_seen FROM {UnpricedModelsTable.Name} ORDER BY records DESC");
        var models = new List<UnpricedModel>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            models.Add(new UnpricedModel(
                reader.GetString(0), reader.GetString(1), reader.GetInt64(2),
                new DateTimeOffset(reader.GetDateTime(3), TimeSpan.Zero), new DateTimeOffset(reader.GetDateTime(4), TimeSpan.Zero)));
        }

        return models;
    }
}
