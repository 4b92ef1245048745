using Npgsql;
using NpgsqlTypes;
using TokenOptimizer.Aggregation.ForgettingErasedUsers;
using TokenOptimizer.EventStore;
using TokenOptimizer.ReadModels;
using TokenOptimizer.UsageLog;

namespace TokenOptimizer.Aggregation.LoggingRequests;

/// <summary>
/// Keeps the request log: a batch's calls are inserted with one COPY, then re-prices of earlier calls update
/// their rows' cost in one statement. A re-price carries the whole new cost, so it is set, not added. An erased user's
/// calls lose their user id.
/// </summary>
public sealed class UsageLogProjection : IProjection
{
    public const string ProjectionName = RequestLogTable.ProjectionName;

    private const string UpdateCosts = $"""
        UPDATE {RequestLogTable.Name} AS r SET priced = k.priced, cost_usd = k.cost_usd
        FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::boolean[], $5::numeric[]) AS k(team, request_id, occurred_at, priced, cost_usd)
        WHERE r.occurred_at = k.occurred_at AND r.request_id = k.request_id AND r.team = k.team
        """;

    public string Name => ProjectionName;

    public IReadOnlyCollection<string>? EventTypes { get; } = ["usage_ingested", "usage_repriced", "user_erased"];

    public async Task ApplyAsync(IReadOnlyList<StoredEvent> events, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var rows = new List<UsageRequestRow>(events.Count);
        var rowOf = new Dictionary<string, int>(StringComparer.Ordinal);
        var repriced = new Dictionary<string, UsageRepriced>(StringComparer.Ordinal);
        foreach (var stored in events)
        {
            switch (stored.Data)
            {
                case UsageIngested ingested:
                    rowOf[stored.StreamId] = rows.Count;
                    rows.Add(new UsageRequestRow(stored.Sequence, ingested.Usage, ingested.Cost));
                    break;
                // A call re-priced in its own batch is inserted with its newest cost: the COPY has not run yet.
                case UsageRepriced repricing when rowOf.TryGetValue(stored.StreamId, out var row):
                    rows[row] = rows[row] with { Cost = repricing.Current };
                    break;
                case UsageRepriced repricing:
                    repriced[stored.StreamId] = repricing;
                    break;
                case UserErased erased:
                    // This batch's calls before the erasure, not written yet, and then what is stored.
                    for (var i = 0; i < rows.Count; i++)
                    {
                        rows[i] = erased.Names(rows[i].Usage.UserId) ? rows[i] with { Usage = rows[i].Usage with { UserId = null } } : rows[i];
                    }

                    await ErasedUserReadModels.ForgetInRequestLogAsync(erased, connection, transaction, cancellationToken);
                    break;
            }
        }

        await UsageRequestsCopy.WriteAsync(rows, connection, cancellationToken);
        if (repriced.Count > 0)
        {
            // A row already deleted by retention matches nothing, which is right: it is no longer shown.
            await using var update = new NpgsqlCommand(UpdateCosts, connection, transaction);
            // The call's time leads the primary key, so each re-price finds its row without an index of its own;
            // the request id is unique within the team, which the stream's id names (empty for none, as in the table).
            var calls = repriced.Keys.Select(TeamAndRequestId).ToArray();
            update.Parameters.Add(new NpgsqlParameter { Value = calls.Select(c => c.Team).ToArray() });
            update.Parameters.Add(new NpgsqlParameter { Value = calls.Select(c => c.RequestId).ToArray() });
            update.Parameters.Add(new NpgsqlParameter { Value = repriced.Values.Select(r => r.OccurredAt.UtcDateTime).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz });
            update.Parameters.Add(new NpgsqlParameter { Value = repriced.Values.Select(r => r.Current.Priced).ToArray() });
            update.Parameters.Add(new NpgsqlParameter
            {
                Value = repriced.Values.Select(r => r.Current.Priced ? r.Current.TotalUsd : (decimal?)null).ToArray(),
                NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Numeric,
            });
            await update.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static (string Team, string RequestId) TeamAndRequestId(string streamId) =>
        UsageStreams.TryParse(streamId, out var team, out var requestId)
            ? (team, requestId)
            : throw new InvalidOperationException($"Re-priced stream {streamId} is not a usage stream.");

    public async Task ResetAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"TRUNCATE {RequestLogTable.Name}", connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
