using System.Globalization;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;
using Orleans.Runtime;

namespace TokenOptimizer.Aggregation.RunningTheCluster;

/// <summary>
/// Orleans' reminder table on PostgreSQL, on <see cref="IReminderTable"/>'s documented contract (why not the ADO.NET
/// provider: see <see cref="PostgresMembershipTable"/>). Reminders are the grains' durable wake-ups: an open circuit's
/// cool-down ends by one even when its silo died meanwhile, since the silo that takes over the grain's hash range reads
/// it here. Each row holds the grain's uniform hash, so a silo reads its range with one indexed query.
/// </summary>
public sealed class PostgresReminderTable(NpgsqlDataSource dataSource, IOptions<ClusterOptions> cluster) : IReminderTable
{
    private const string Columns = "grain_id, reminder_name, start_at, period, etag";

    private string ServiceId => cluster.Value.ServiceId;

    public Task Init() => OrleansTables.EnsureAsync(dataSource, CancellationToken.None);

    public async Task<ReminderTableData> ReadRows(GrainId grainId) =>
        new(await ReadAsync("grain_id = $2", grainId.ToString()));

    public async Task<ReminderTableData> ReadRows(uint begin, uint end) =>
        // (begin, end], wrapping around the ring when begin >= end.
        new(await ReadAsync(begin < end ? "grain_hash > $2 AND grain_hash <= $3" : "(grain_hash > $2 OR grain_hash <= $3)", (long)begin, (long)end));

    public async Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName) =>
        (await ReadAsync("grain_id = $2 AND reminder_name = $3", grainId.ToString(), reminderName)).SingleOrDefault();

    public async Task<string?> UpsertRow(ReminderEntry entry)
    {
        await using var command = dataSource.CreateCommand($"""
            INSERT INTO {OrleansTables.Reminders} AS r (service_id, grain_id, reminder_name, grain_hash, start_at, period, etag)
            VALUES ($1, $2, $3, $4, $5, $6, 0)
            ON CONFLICT (service_id, grain_id, reminder_name) DO UPDATE SET start_at = excluded.start_at, period = excluded.period, etag = r.etag + 1
            RETURNING etag
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = ServiceId });
        command.Parameters.Add(new NpgsqlParameter { Value = entry.GrainId.ToString() });
        command.Parameters.Add(new NpgsqlParameter { Value = entry.ReminderName });
        command.Parameters.Add(new NpgsqlParameter { Value = (long)entry.GrainId.GetUniformHashCode() });
        command.Parameters.Add(new NpgsqlParameter { Value = DateTime.SpecifyKind(entry.StartAt, DateTimeKind.Utc) });
        command.Parameters.Add(new NpgsqlParameter { Value = entry.Period });
        return ((long)(await command.ExecuteScalarAsync())!).ToString(CultureInfo.InvariantCulture);
    }

    public async Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag)
    {
        if (!long.TryParse(eTag, CultureInfo.InvariantCulture, out var etag))
        {
            return false;
        }

        await using var command = dataSource.CreateCommand(
            $"DELETE FROM {OrleansTables.Reminders} WHERE service_id = $1 AND grain_id = $2 AND reminder_name = $3 AND etag = $4");
        command.Parameters.Add(new NpgsqlParameter { Value = ServiceId });
        command.Parameters.Add(new NpgsqlParameter { Value = grainId.ToString() });
        command.Parameters.Add(new NpgsqlParameter { Value = reminderName });
        command.Parameters.Add(new NpgsqlParameter { Value = etag });
        return await command.ExecuteNonQueryAsync() == 1;
    }

    public async Task TestOnlyClearTable()
    {
        await using var command = dataSource.CreateCommand($"DELETE FROM {OrleansTables.Reminders} WHERE service_id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = ServiceId });
        await command.ExecuteNonQueryAsync();
    }

    private async Task<List<ReminderEntry>> ReadAsync(string condition, params object[] values)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM {OrleansTables.Reminders} WHERE service_id = $1 AND {condition}");
        command.Parameters.Add(new NpgsqlParameter { Value = ServiceId });
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        var entries = new List<ReminderEntry>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            entries.Add(new ReminderEntry
            {
                GrainId = GrainId.Parse(reader.GetString(0)),
                ReminderName = reader.GetString(1),
                StartAt = reader.GetDateTime(2),
                Period = reader.GetTimeSpan(3),
                ETag = reader.GetInt64(4).ToString(CultureInfo.InvariantCulture),
            });
        }

        return entries;
    }
}
