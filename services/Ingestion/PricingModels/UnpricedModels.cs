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
            INSERT INTO {UnpricedModelsTable.Name} AS u (provider, model, slot, records, first_seen, last_seen)
            SELECT p.provider, p.model, pg_backend_pid() % {UnpricedModelsTable.Slots}, p.records, p.first_seen, p.last_seen
            FROM unnest($1::text[], $2::text[], $3::bigint[], $4::timestamptz[], $5::timestamptz[]) AS p(provider, model, records, first_seen, last_seen)
            ON CONFLICT (provider, model, slot) DO UPDATE SET
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

        // Each model's slots are folded into one row less what is priced now (none when nothing is left), with the
        // writers held off meanwhile: a re-price is rare, a count added between the read and the write would be lost.
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var hold = new NpgsqlCommand($"LOCK TABLE {UnpricedModelsTable.Name} IN SHARE ROW EXCLUSIVE MODE", connection, transaction))
        {
            await hold.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var fold = new NpgsqlCommand(
            $"""
            WITH priced AS (SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[]) AS p(provider, model, records)),
            folded AS (
                DELETE FROM {UnpricedModelsTable.Name} u USING priced p WHERE u.provider = p.provider AND u.model = p.model
                RETURNING u.provider, u.model, u.records, u.first_seen, u.last_seen)
            INSERT INTO {UnpricedModelsTable.Name} (provider, model, slot, records, first_seen, last_seen)
            SELECT f.provider, f.model, 0, sum(f.records) - min(p.records), min(f.first_seen), max(f.last_seen)
            FROM folded f JOIN priced p ON p.provider = f.provider AND p.model = f.model
            GROUP BY f.provider, f.model
            HAVING sum(f.records) - min(p.records) > 0
            """, connection, transaction);
        fold.Parameters.Add(new NpgsqlParameter { Value = groups.Select(g => g.Provider).ToArray() });
        fold.Parameters.Add(new NpgsqlParameter { Value = groups.Select(g => g.Model).ToArray() });
        fold.Parameters.Add(new NpgsqlParameter { Value = groups.Select(g => g.Count).ToArray() });
        await fold.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<UnpricedModel>> ListAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"""
            SELECT provider, model, sum(records)::bigint AS records, min(first_seen), max(last_seen) FROM {UnpricedModelsTable.Name}
            GROUP BY provider, model ORDER BY records DESC, provider, model
            """);
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
