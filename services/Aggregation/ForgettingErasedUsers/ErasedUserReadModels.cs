using TokenOptimizer.ReadModels;
using Npgsql;
using TokenOptimizer.Aggregation.LoggingRequests;
using TokenOptimizer.Aggregation.RetainingUsage;
using TokenOptimizer.UsageLog;

namespace TokenOptimizer.Aggregation.ForgettingErasedUsers;

/// <summary>
/// Every read model of this service that copies a user's id, and how it forgets one when its projection applies a
/// <see cref="UserErased"/>: the request log sets the calls' user to none, and the per-user rollups (with their retired
/// part) move the user's rows to the no-user rows, so totals stay whole. The event holds only a salted hash of the id, so
/// the ids present are hashed to find it: among the request log's rows of the erased calls' days, and among all
/// per-user rows (the retired part has no events left to say which days).
/// </summary>
internal static class ErasedUserReadModels
{
    private static readonly string[] UserRollups = [UserRollupTable.Name, RetiredTables.Of(UserRollupTable.Name)];

    // The erased calls' UTC days as ranges of the primary key's leading column.
    private const string OnTheDays = """
        r.occurred_at >= (d.day::timestamp AT TIME ZONE 'UTC') AND r.occurred_at < ((d.day + 1)::timestamp AT TIME ZONE 'UTC')
        """;

    public static async Task ForgetInRequestLogAsync(UserErased erased, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var days = erased.Days.ToArray();
        var ids = await MatchingAsync(
            erased, $"SELECT DISTINCT r.user_id FROM {RequestLogTable.Name} r JOIN unnest($1::date[]) AS d(day) ON {OnTheDays} WHERE r.user_id <> ''",
            days, connection, transaction, cancellationToken);
        if (ids.Length == 0)
        {
            return;
        }

        await using var forget = new NpgsqlCommand(
            $"UPDATE {RequestLogTable.Name} AS r SET user_id = '' FROM unnest($1::date[]) AS d(day) WHERE {OnTheDays} AND r.user_id = ANY($2)",
            connection, transaction);
        forget.Parameters.Add(new NpgsqlParameter { Value = days });
        forget.Parameters.Add(new NpgsqlParameter { Value = ids });
        await forget.ExecuteNonQueryAsync(cancellationToken);
    }

    public static async Task ForgetInUserRollupsAsync(UserErased erased, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var keys = UserRollupTable.KeyColumns.Select(c => c.Name).ToList();
        var measures = UserRollupTable.MeasureColumns.Select(c => c.Name).ToList();
        foreach (var table in UserRollups)
        {
            var ids = await MatchingAsync(erased, $"SELECT DISTINCT user_id FROM {table} WHERE user_id <> ''", null, connection, transaction, cancellationToken);
            if (ids.Length == 0)
            {
                continue;
            }

            var moved = keys.Select(k => k == "user_id" ? "''" : k);
            await using var forget = new NpgsqlBatch(connection, transaction)
            {
                BatchCommands =
                {
                    new NpgsqlBatchCommand($"""
                        INSERT INTO {table} AS x ({string.Join(", ", keys.Concat(measures))})
                        SELECT {string.Join(", ", moved.Concat(measures.Select(m => $"sum({m})")))} FROM {table} WHERE user_id = ANY($1)
                        GROUP BY {string.Join(", ", keys.Where(k => k != "user_id"))}
                        ON CONFLICT ({string.Join(", ", keys)}) DO UPDATE SET {string.Join(", ", measures.Select(m => $"{m} = x.{m} + excluded.{m}"))}
                        """) { Parameters = { new NpgsqlParameter { Value = ids } } },
                    new NpgsqlBatchCommand($"DELETE FROM {table} WHERE user_id = ANY($1)") { Parameters = { new NpgsqlParameter { Value = ids } } },
                },
            };
            await forget.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    // The ids among those the query lists that the erasure names (normally one; none when the id is gone already).
    private static async Task<string[]> MatchingAsync(
        UserErased erased, string sql, DateOnly[]? days, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        if (days is not null)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = days });
        }

        var matching = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (erased.Names(reader.GetString(0)))
            {
                matching.Add(reader.GetString(0));
            }
        }

        return [.. matching];
    }
}
