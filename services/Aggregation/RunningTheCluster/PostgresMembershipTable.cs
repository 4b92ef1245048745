using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;
using Orleans.Runtime;

namespace TokenOptimizer.Aggregation.RunningTheCluster;

/// <summary>
/// Orleans' membership table on PostgreSQL, implemented on <see cref="IMembershipTable"/>'s documented contract with
/// Npgsql. Why not <c>Microsoft.Orleans.Clustering.AdoNet</c>: it runs SQL it reads from an <c>OrleansQuery</c> table that
/// only the Orleans repository's scripts fill, and no package ships them for PostgreSQL; writing that table ourselves
/// means matching each query's undocumented parameter and column names, which only those scripts define, so we would
/// be re-deriving other projects' source. The interface is eight methods whose XML docs state the contract (atomic
/// row + table-version updates under etags), and here it is a few statements each, tested against that contract
/// (ClusteringOnPostgres). Redis (served, with Debian's <c>redis-server</c>) would add a second database to run
/// and back up for a table of a few rows. Etags are counters: a row's and the table version's grow by one per change.
/// </summary>
public sealed class PostgresMembershipTable(NpgsqlDataSource dataSource, IOptions<ClusterOptions> cluster) : IMembershipTable
{
    private const string Columns = "silo, status, silo_name, host_name, role_name, proxy_port, update_zone, fault_zone, suspect_times, start_time, i_am_alive, etag";

    private string ClusterId => cluster.Value.ClusterId;

    public async Task InitializeMembershipTable(bool tryInitTableVersion)
    {
        await OrleansTables.EnsureAsync(dataSource, CancellationToken.None);
        if (tryInitTableVersion)
        {
            await using var command = dataSource.CreateCommand(
                $"INSERT INTO {OrleansTables.MembershipVersion} (cluster_id, version, etag) VALUES ($1, 0, 0) ON CONFLICT DO NOTHING");
            command.Parameters.Add(new NpgsqlParameter { Value = ClusterId });
            await command.ExecuteNonQueryAsync();
        }
    }

    public async Task DeleteMembershipTableEntries(string clusterId)
    {
        await using var command = dataSource.CreateCommand($"DELETE FROM {OrleansTables.MembershipVersion} WHERE cluster_id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = clusterId });
        await command.ExecuteNonQueryAsync();
    }

    public async Task CleanupDefunctSiloEntries(DateTimeOffset beforeDate)
    {
        await using var command = dataSource.CreateCommand(
            $"DELETE FROM {OrleansTables.Membership} WHERE cluster_id = $1 AND status = $2 AND i_am_alive < $3");
        command.Parameters.Add(new NpgsqlParameter { Value = ClusterId });
        command.Parameters.Add(new NpgsqlParameter { Value = (int)SiloStatus.Dead });
        command.Parameters.Add(new NpgsqlParameter { Value = beforeDate.UtcDateTime });
        await command.ExecuteNonQueryAsync();
    }

    public Task<MembershipTableData> ReadRow(SiloAddress key) => ReadAsync(key);

    public Task<MembershipTableData> ReadAll() => ReadAsync(null);

    public Task<bool> InsertRow(MembershipEntry entry, TableVersion tableVersion) =>
        ChangeAsync(tableVersion, (connection, transaction) => Command($"""
            INSERT INTO {OrleansTables.Membership} (cluster_id, {Columns})
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11, $12, 0) ON CONFLICT DO NOTHING
            """, entry, connection, transaction));

    public Task<bool> UpdateRow(MembershipEntry entry, string etag, TableVersion tableVersion) =>
        !long.TryParse(etag, CultureInfo.InvariantCulture, out var rowEtag)
            ? Task.FromResult(false)
            : ChangeAsync(tableVersion, (connection, transaction) =>
            {
                var command = Command($"""
                    UPDATE {OrleansTables.Membership} SET status = $3, silo_name = $4, host_name = $5, role_name = $6, proxy_port = $7,
                        update_zone = $8, fault_zone = $9, suspect_times = $10::jsonb, start_time = $11, i_am_alive = $12, etag = etag + 1
                    WHERE cluster_id = $1 AND silo = $2 AND etag = $13
                    """, entry, connection, transaction);
                command.Parameters.Add(new NpgsqlParameter { Value = rowEtag });
                return command;
            });

    public async Task UpdateIAmAlive(MembershipEntry entry)
    {
        // The heartbeat alone: neither the row's etag nor the table version moves, so readers' etags stay usable.
        await using var command = dataSource.CreateCommand($"UPDATE {OrleansTables.Membership} SET i_am_alive = $3 WHERE cluster_id = $1 AND silo = $2");
        command.Parameters.Add(new NpgsqlParameter { Value = ClusterId });
        command.Parameters.Add(new NpgsqlParameter { Value = entry.SiloAddress.ToParsableString() });
        command.Parameters.Add(new NpgsqlParameter { Value = Utc(entry.IAmAliveTime) });
        await command.ExecuteNonQueryAsync();
    }

    // The table version moves only if nobody moved it since the caller read it, and in the same transaction as the
    // row's change: a caller that lost the race changes nothing and is told so.
    private async Task<bool> ChangeAsync(TableVersion tableVersion, Func<NpgsqlConnection, NpgsqlTransaction, NpgsqlCommand> change)
    {
        if (!long.TryParse(tableVersion.VersionEtag, CultureInfo.InvariantCulture, out var versionEtag))
        {
            return false;
        }

        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var version = new NpgsqlCommand(
            $"UPDATE {OrleansTables.MembershipVersion} SET version = $2, etag = etag + 1 WHERE cluster_id = $1 AND etag = $3", connection, transaction))
        {
            version.Parameters.Add(new NpgsqlParameter { Value = ClusterId });
            version.Parameters.Add(new NpgsqlParameter { Value = tableVersion.Version });
            version.Parameters.Add(new NpgsqlParameter { Value = versionEtag });
            if (await version.ExecuteNonQueryAsync() == 0)
            {
                return false;
            }
        }

        await using (var row = change(connection, transaction))
        {
            if (await row.ExecuteNonQueryAsync() == 0)
            {
                return false;
            }
        }

        await transaction.CommitAsync();
        return true;
    }

    private NpgsqlCommand Command(string sql, MembershipEntry entry, NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        var command = new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = ClusterId });
        command.Parameters.Add(new NpgsqlParameter { Value = entry.SiloAddress.ToParsableString() });
        command.Parameters.Add(new NpgsqlParameter { Value = (int)entry.Status });
        command.Parameters.Add(new NpgsqlParameter<string?> { TypedValue = entry.SiloName });
        command.Parameters.Add(new NpgsqlParameter<string?> { TypedValue = entry.HostName });
        command.Parameters.Add(new NpgsqlParameter<string?> { TypedValue = entry.RoleName });
        command.Parameters.Add(new NpgsqlParameter { Value = entry.ProxyPort });
        command.Parameters.Add(new NpgsqlParameter { Value = entry.UpdateZone });
        command.Parameters.Add(new NpgsqlParameter { Value = entry.FaultZone });
        command.Parameters.Add(new NpgsqlParameter { Value = JsonSerializer.Serialize(
            (entry.SuspectTimes ?? []).Select(s => new Suspicion(s.Item1.ToParsableString(), Utc(s.Item2)))) });
        command.Parameters.Add(new NpgsqlParameter { Value = Utc(entry.StartTime) });
        command.Parameters.Add(new NpgsqlParameter { Value = Utc(entry.IAmAliveTime) });
        return command;
    }

    // One statement: the rows and the table version are read in one snapshot, as the contract asks.
    private async Task<MembershipTableData> ReadAsync(SiloAddress? silo)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT v.version, v.etag, {string.Join(", ", Columns.Split(", ").Select(c => "m." + c))}
            FROM {OrleansTables.MembershipVersion} v
            LEFT JOIN {OrleansTables.Membership} m ON m.cluster_id = v.cluster_id AND ($2::text IS NULL OR m.silo = $2)
            WHERE v.cluster_id = $1
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = ClusterId });
        command.Parameters.Add(new NpgsqlParameter<string?> { TypedValue = silo?.ToParsableString() });
        var rows = new List<Tuple<MembershipEntry, string>>();
        var version = new TableVersion(0, "0");
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            version = new TableVersion(reader.GetInt32(0), reader.GetInt64(1).ToString(CultureInfo.InvariantCulture));
            if (!await reader.IsDBNullAsync(2))
            {
                rows.Add(Tuple.Create(EntryOf(reader), reader.GetInt64(13).ToString(CultureInfo.InvariantCulture)));
            }
        }

        return new MembershipTableData(rows, version);
    }

    private static MembershipEntry EntryOf(NpgsqlDataReader reader) => new()
    {
        SiloAddress = SiloAddress.FromParsableString(reader.GetString(2)),
        Status = (SiloStatus)reader.GetInt32(3),
        SiloName = reader.IsDBNull(4) ? "" : reader.GetString(4),
        HostName = reader.IsDBNull(5) ? "" : reader.GetString(5),
        RoleName = reader.IsDBNull(6) ? null : reader.GetString(6),
        ProxyPort = reader.GetInt32(7),
        UpdateZone = reader.GetInt32(8),
        FaultZone = reader.GetInt32(9),
        SuspectTimes = JsonSerializer.Deserialize<List<Suspicion>>(reader.GetString(10))!
            .Select(s => Tuple.Create(SiloAddress.FromParsableString(s.Silo), s.At)).ToList(),
        StartTime = reader.GetDateTime(11),
        IAmAliveTime = reader.GetDateTime(12),
    };

    private static DateTime Utc(DateTime time) => time.Kind == DateTimeKind.Utc ? time : DateTime.SpecifyKind(time, DateTimeKind.Utc);

    private sealed record Suspicion(string Silo, DateTime At);
}
