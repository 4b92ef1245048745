using Npgsql;
using NpgsqlTypes;
using TokenOptimizer.Aggregation.EvaluatingAlertRules;
using TokenOptimizer.Aggregation.PublishingAlerts;
using TokenOptimizer.Aggregation.RollingUpUsage;
using TokenOptimizer.Contracts;
using TokenOptimizer.ReadModels;
using TokenOptimizer.Aggregation.RunningProjections;
using TokenOptimizer.UsageLog;

namespace TokenOptimizer.Aggregation.DetectingAnomalies;

/// <summary>
/// Judges each finished hour's cost and error rate, globally and per provider, against the same hour of the
/// previous seven days (<see cref="RobustBaseline"/>). An hour is judged once the latest usage time seen passes
/// its end by <see cref="Grace"/>, so late records of a judged hour still count in the totals but do not re-judge
/// it. Everything is driven by usage time in log order, so a rebuild finds the same anomalies; each is stored in
/// <c>usage_anomalies</c> once (its key).
/// </summary>
public sealed class AnomalyProjection(UsageIngestedLookup lookup) : ReadModelProjection
{
    public const string ProjectionName = "usage_anomalies";

    public static readonly TimeSpan Grace = TimeSpan.FromMinutes(10);

    private const int BaselineDays = 7;

    public override string Name => ProjectionName;

    public override IReadOnlyCollection<string> EventTypes { get; } = ["usage_ingested", "usage_repriced"];

    public override async Task ApplyAsync(IReadOnlyList<StoredEvent> events, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var totals = new Dictionary<(string Scope, DateTime Hour), (long Requests, long Failures, decimal Cost)>();
        void Add(string provider, DateTimeOffset at, long requests, long failures, decimal cost)
        {
            var hour = RollupGranularity.Hour.BucketOf(at);
            foreach (var scope in new[] { "global", AnomaliesTable.ProviderScopePrefix + provider })
            {
                var current = totals.GetValueOrDefault((scope, hour));
                totals[(scope, hour)] = (current.Requests + requests, current.Failures + failures, current.Cost + cost);
            }
        }

        var originals = await lookup.OriginalsOfRepricedAsync(events, connection, transaction, cancellationToken);
        DateTimeOffset? latest = null;
        foreach (var stored in events)
        {
            if (stored.Data is UsageIngested ingested)
            {
                var usage = ingested.Usage;
                Add(usage.Provider, usage.OccurredAt, 1, usage.Outcome == Outcomes.Failed ? 1 : 0, ingested.Cost.Priced ? ingested.Cost.TotalUsd : 0);
                latest = latest is null || usage.OccurredAt > latest ? usage.OccurredAt : latest;
            }
            else if (stored.Data is UsageRepriced repriced && originals.TryGetValue(stored.StreamId, out var original))
            {
                Add(original.Usage.Provider, original.Usage.OccurredAt, 0, 0,
                    (repriced.Current.Priced ? repriced.Current.TotalUsd : 0) - (repriced.Previous.Priced ? repriced.Previous.TotalUsd : 0));
            }
        }

        if (totals.Count > 0)
        {
            await AddTotalsAsync(totals, connection, transaction, cancellationToken);
        }

        if (latest is { } seen)
        {
            await JudgeFinishedHoursAsync(seen, connection, transaction, cancellationToken);
        }
    }

    public override async Task ResetAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"TRUNCATE {AnomalyTables.HourlyTotals}; TRUNCATE {AnomalyTables.Progress}; TRUNCATE {AnomaliesTable.Name};", connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task JudgeFinishedHoursAsync(DateTimeOffset seen, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        DateTimeOffset? watermark = null, judgedThrough = null;
        await using (var read = new NpgsqlCommand($"SELECT watermark, evaluated_through FROM {AnomalyTables.Progress} WHERE id = 1", connection, transaction))
        await using (var reader = await read.ExecuteReaderAsync(cancellationToken))
        {
            if (await reader.ReadAsync(cancellationToken))
            {
                watermark = await reader.IsDBNullAsync(0, cancellationToken) ? null : new DateTimeOffset(reader.GetDateTime(0), TimeSpan.Zero);
                judgedThrough = await reader.IsDBNullAsync(1, cancellationToken) ? null : new DateTimeOffset(reader.GetDateTime(1), TimeSpan.Zero);
            }
        }

        watermark = watermark is null || seen > watermark ? seen : watermark;
        var lastFinished = new DateTimeOffset(RollupGranularity.Hour.BucketOf(watermark.Value - Grace), TimeSpan.Zero).AddHours(-1);
        var next = judgedThrough?.AddHours(1) ?? await FirstHourAsync(connection, transaction, cancellationToken);
        var anomalies = new List<UsageAnomalyDetected>();
        for (var hour = next; hour is not null && hour <= lastFinished; hour = hour.Value.AddHours(1))
        {
            anomalies.AddRange(await JudgeAsync(hour.Value, connection, transaction, cancellationToken));
            judgedThrough = hour;
        }

        await using (var save = new NpgsqlCommand($"""
            INSERT INTO {AnomalyTables.Progress} VALUES (1, $1, $2) ON CONFLICT (id) DO UPDATE SET watermark = excluded.watermark, evaluated_through = excluded.evaluated_through
            """, connection, transaction))
        {
            save.Parameters.Add(new NpgsqlParameter { Value = watermark.Value.UtcDateTime });
            save.Parameters.Add(new NpgsqlParameter<DateTime?> { TypedValue = judgedThrough?.UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz });
            await save.ExecuteNonQueryAsync(cancellationToken);
        }

        if (anomalies.Count == 0)
        {
            return;
        }

        var alerts = new List<OutboxMessage>();
        foreach (var anomaly in anomalies)
        {
            await using var insert = new NpgsqlCommand(
                $"INSERT INTO {AnomaliesTable.Name} VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING", connection, transaction);
            insert.Parameters.Add(new NpgsqlParameter { Value = anomaly.Scope });
            insert.Parameters.Add(new NpgsqlParameter { Value = anomaly.Hour.UtcDateTime });
            insert.Parameters.Add(new NpgsqlParameter { Value = anomaly.Metric });
            insert.Parameters.Add(new NpgsqlParameter { Value = anomaly.Observed });
            insert.Parameters.Add(new NpgsqlParameter { Value = anomaly.BaselineMedian });
            insert.Parameters.Add(new NpgsqlParameter { Value = anomaly.BaselineMad });
            insert.Parameters.Add(new NpgsqlParameter { Value = anomaly.RobustZ });
            insert.Parameters.Add(new NpgsqlParameter { Value = anomaly.BaselineHours });
            if (await insert.ExecuteNonQueryAsync(cancellationToken) == 1)
            {
                alerts.Add(OutboxMessage.For(BuiltInAlerts.For(anomaly)));
            }
        }

        // The built-in anomaly alert, in the transaction that records the anomaly: one per anomaly, however often it is judged.
        if (alerts.Count > 0)
        {
            await AlertOutbox.AddAsync(alerts, connection, transaction, cancellationToken);
        }
    }

    private static async Task AddTotalsAsync(Dictionary<(string Scope, DateTime Hour), (long Requests, long Failures, decimal Cost)> totals, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var keys = totals.Keys.ToArray();
        await using var upsert = new NpgsqlCommand($"""
            INSERT INTO {AnomalyTables.HourlyTotals} AS t SELECT * FROM unnest($1::text[], $2::timestamptz[], $3::bigint[], $4::bigint[], $5::numeric[])
            ON CONFLICT (scope, hour) DO UPDATE SET requests = t.requests + excluded.requests, failures = t.failures + excluded.failures, cost_usd = t.cost_usd + excluded.cost_usd
            """, connection, transaction);
        upsert.Parameters.Add(new NpgsqlParameter { Value = keys.Select(k => k.Scope).ToArray() });
        upsert.Parameters.Add(new NpgsqlParameter { Value = keys.Select(k => k.Hour).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz });
        upsert.Parameters.Add(new NpgsqlParameter { Value = keys.Select(k => totals[k].Requests).ToArray() });
        upsert.Parameters.Add(new NpgsqlParameter { Value = keys.Select(k => totals[k].Failures).ToArray() });
        upsert.Parameters.Add(new NpgsqlParameter { Value = keys.Select(k => totals[k].Cost).ToArray() });
        await upsert.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<DateTimeOffset?> FirstHourAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"SELECT min(hour) FROM {AnomalyTables.HourlyTotals}", connection, transaction);
        return await command.ExecuteScalarAsync(cancellationToken) is DateTime first ? new DateTimeOffset(first, TimeSpan.Zero) : null;
    }

    private static async Task<List<UsageAnomalyDetected>> JudgeAsync(DateTimeOffset hour, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var hours = Enumerable.Range(0, BaselineDays + 1).Select(d => hour.AddDays(-d).UtcDateTime).ToArray();
        var rows = new Dictionary<string, Dictionary<DateTime, (long Requests, long Failures, decimal Cost)>>(StringComparer.Ordinal);
        await using (var command = new NpgsqlCommand(
            $"SELECT scope, hour, requests, failures, cost_usd FROM {AnomalyTables.HourlyTotals} WHERE hour = ANY($1)", connection, transaction))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = hours, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var scope = reader.GetString(0);
                if (!rows.TryGetValue(scope, out var byHour))
                {
                    rows[scope] = byHour = [];
                }

                byHour[reader.GetDateTime(1)] = (reader.GetInt64(2), reader.GetInt64(3), reader.GetDecimal(4));
            }
        }

        var found = new List<UsageAnomalyDetected>();
        foreach (var (scope, byHour) in rows.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            var observed = byHour.GetValueOrDefault(hours[0]);
            var baseline = hours.Skip(1).Where(byHour.ContainsKey).Select(h => byHour[h]).ToList();
            var cost = RobustBaseline.Compare((double)observed.Cost, baseline.Select(b => (double)b.Cost).ToList(), minimumDeviation: 1.0);
            if (cost is { IsAnomaly: true })
            {
                found.Add(Anomaly(scope, hour, "cost_usd", cost, baseline.Count));
            }

            var busy = baseline.Where(b => b.Requests >= 20).ToList();
            if (observed.Requests >= 20)
            {
                var errors = RobustBaseline.Compare((double)observed.Failures / observed.Requests, busy.Select(b => (double)b.Failures / b.Requests).ToList(), minimumDeviation: 0.05);
                if (errors is { IsAnomaly: true })
                {
                    found.Add(Anomaly(scope, hour, "error_rate", errors, busy.Count));
                }
            }
        }

        return found;
    }

    private static UsageAnomalyDetected Anomaly(string scope, DateTimeOffset hour, string metric, BaselineComparison comparison, int baselineHours) => new()
    {
        Scope = scope, Hour = hour, Metric = metric, Observed = Math.Round(comparison.Observed, 6), BaselineMedian = Math.Round(comparison.Median, 6),
        BaselineMad = Math.Round(comparison.Mad, 6), RobustZ = comparison.RobustZ, BaselineHours = baselineHours,
    };
}
