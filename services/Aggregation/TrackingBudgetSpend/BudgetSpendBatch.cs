using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using TokenOptimizer.Aggregation.DefiningBudget;
using TokenOptimizer.Aggregation.DeliveringWebhooks;
using TokenOptimizer.Aggregation.RollingUpUsage;
using TokenOptimizer.Contracts;
using TokenOptimizer.Aggregation.PublishingAlerts;
using TokenOptimizer.ReadModels;

namespace TokenOptimizer.Aggregation.TrackingBudgetSpend;

/// <summary>
/// One batch's working state for <see cref="BudgetSpendProjection"/>: hour deltas, each budget's period spend as of
/// the current event (loaded once, then kept in memory), and the crossings decided; saved in the batch's transaction.
/// </summary>
internal sealed class BudgetSpendBatch(Dictionary<string, Budget> budgets, NpgsqlConnection connection, NpgsqlTransaction transaction)
{
    private readonly Dictionary<(string Kind, string Value, DateTime Hour), decimal> _hourDeltas = [];
    private readonly Dictionary<(string BudgetId, DateTimeOffset Period), decimal> _periodSpend = [];
    private readonly HashSet<(string BudgetId, DateTimeOffset Period, decimal Threshold)> _crossed = [];
    private readonly HashSet<(string BudgetId, DateTimeOffset Period)> _crossedLoaded = [];
    private readonly List<BudgetThresholdReached> _crossings = [];

    public Dictionary<string, Budget> Budgets => budgets;

    public HashSet<string> Dirty { get; } = [];

    public async Task SetAsync(Budget budget, DateTimeOffset at, CancellationToken cancellationToken)
    {
        budgets[budget.BudgetId] = budget;
        Dirty.Add(budget.BudgetId);
        foreach (var stale in _periodSpend.Keys.Where(k => k.BudgetId == budget.BudgetId).ToList())
        {
            _periodSpend.Remove(stale);
        }

        // A new or raised budget may already be over a threshold.
        await CheckAsync(budget, BudgetPeriod.Containing(budget.Terms, at), at, cancellationToken);
    }

    public async Task SpendAsync(UsageRecorded usage, DateTimeOffset at, decimal amount, CancellationToken cancellationToken)
    {
        if (amount == 0)
        {
            return;
        }

        var scopes = BudgetSpendProjection.ScopesOf(usage).ToList();
        var matching = budgets.Values.Where(b => !b.Removed && scopes.Contains((b.Terms.ScopeKind, b.Terms.ScopeValue ?? ""))).ToList();
        foreach (var budget in matching)
        {
            await PeriodSpendAsync(budget, BudgetPeriod.Containing(budget.Terms, at), cancellationToken);
        }

        var hour = RollupGranularity.Hour.BucketOf(at);
        foreach (var (kind, value) in scopes)
        {
            _hourDeltas[(kind, value, hour)] = _hourDeltas.GetValueOrDefault((kind, value, hour)) + amount;
        }

        foreach (var budget in matching)
        {
            var period = BudgetPeriod.Containing(budget.Terms, at);
            _periodSpend[(budget.BudgetId, period.Start)] += amount;
            await CheckAsync(budget, period, at, cancellationToken);
        }
    }

    public async Task SaveAsync(CancellationToken cancellationToken)
    {
        if (_hourDeltas.Count > 0)
        {
            var keys = _hourDeltas.Keys.ToArray();
            await using var upsert = new NpgsqlCommand($"""
                INSERT INTO {BudgetSpendTables.SpendByScopeHour} AS t SELECT * FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::numeric[])
                ON CONFLICT (scope_kind, scope_value, hour) DO UPDATE SET spent_usd = t.spent_usd + excluded.spent_usd
                """, connection, transaction);
            upsert.Parameters.Add(new NpgsqlParameter { Value = keys.Select(k => k.Kind).ToArray() });
            upsert.Parameters.Add(new NpgsqlParameter { Value = keys.Select(k => k.Value).ToArray() });
            upsert.Parameters.Add(new NpgsqlParameter { Value = keys.Select(k => k.Hour).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz });
            upsert.Parameters.Add(new NpgsqlParameter { Value = keys.Select(k => _hourDeltas[k]).ToArray() });
            await upsert.ExecuteNonQueryAsync(cancellationToken);
        }

        foreach (var budgetId in Dirty)
        {
            await using var save = new NpgsqlCommand($"""
                INSERT INTO {BudgetSpendTables.Definitions} VALUES ($1, $2, $3::jsonb)
                ON CONFLICT (budget_id) DO UPDATE SET removed = excluded.removed, detail = excluded.detail
                """, connection, transaction);
            save.Parameters.Add(new NpgsqlParameter { Value = budgetId });
            save.Parameters.Add(new NpgsqlParameter { Value = budgets[budgetId].Removed });
            save.Parameters.Add(new NpgsqlParameter { Value = JsonSerializer.Serialize(budgets[budgetId], JsonSerializerOptions.Web) });
            await save.ExecuteNonQueryAsync(cancellationToken);
        }

        if (_crossings.Count == 0)
        {
            return;
        }

        var started = await AlertOutbox.AddAsync([.. _crossings.Select(c => (c.StreamId, AlertPublisher.ThresholdCrossedType, (object)c))], connection, transaction, cancellationToken);
        foreach (var crossing in _crossings)
        {
            await using var alert = new NpgsqlCommand(
                $"INSERT INTO {BudgetSpendTables.Alerts} VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING", connection, transaction);
            alert.Parameters.Add(new NpgsqlParameter { Value = crossing.BudgetId });
            alert.Parameters.Add(new NpgsqlParameter { Value = crossing.PeriodStart.UtcDateTime });
            alert.Parameters.Add(new NpgsqlParameter { Value = crossing.ThresholdPercent });
            alert.Parameters.Add(new NpgsqlParameter { Value = crossing.SpentUsd });
            alert.Parameters.Add(new NpgsqlParameter { Value = crossing.CrossedAt.UtcDateTime });
            await alert.ExecuteNonQueryAsync(cancellationToken);
            if (crossing.WebhookUrl is { } url && started.Contains(crossing.StreamId))
            {
                await WebhookDeliveries.EnqueueAsync(crossing.StreamId, url, SlackMessage.For(crossing), connection, transaction, cancellationToken);
            }
        }
    }

    private async Task CheckAsync(Budget budget, BudgetPeriod period, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var spent = await PeriodSpendAsync(budget, period, cancellationToken);
        await LoadCrossedAsync(budget.BudgetId, period, cancellationToken);
        foreach (var threshold in budget.Terms.ThresholdsPercent)
        {
            if (spent >= budget.Terms.AmountUsd * threshold / 100 && _crossed.Add((budget.BudgetId, period.Start, threshold)))
            {
                _crossings.Add(new BudgetThresholdReached
                {
                    BudgetId = budget.BudgetId, BudgetName = budget.Terms.Name, ScopeKind = budget.Terms.ScopeKind, ScopeValue = budget.Terms.ScopeValue,
                    ThresholdPercent = threshold, AmountUsd = budget.Terms.AmountUsd, SpentUsd = spent,
                    PeriodStart = period.Start, PeriodEnd = period.End, CrossedAt = at, WebhookUrl = budget.Terms.WebhookUrl,
                });
            }
        }
    }

    private async Task<decimal> PeriodSpendAsync(Budget budget, BudgetPeriod period, CancellationToken cancellationToken)
    {
        if (_periodSpend.TryGetValue((budget.BudgetId, period.Start), out var spent))
        {
            return spent;
        }

        var scopeValue = budget.Terms.ScopeValue ?? "";
        await using var command = new NpgsqlCommand($"""
            SELECT coalesce(sum(spent_usd), 0) FROM {BudgetSpendTables.SpendByScopeHour}
            WHERE scope_kind = $1 AND scope_value = $2 AND hour >= $3 AND hour < $4
            """, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = budget.Terms.ScopeKind });
        command.Parameters.Add(new NpgsqlParameter { Value = scopeValue });
        command.Parameters.Add(new NpgsqlParameter { Value = period.Start.UtcDateTime });
        command.Parameters.Add(new NpgsqlParameter { Value = period.End.UtcDateTime });
        spent = (decimal)(await command.ExecuteScalarAsync(cancellationToken))!;
        spent += _hourDeltas.Where(d => d.Key.Kind == budget.Terms.ScopeKind && d.Key.Value == scopeValue && d.Key.Hour >= period.Start.UtcDateTime && d.Key.Hour < period.End.UtcDateTime).Sum(d => d.Value);
        _periodSpend[(budget.BudgetId, period.Start)] = spent;
        return spent;
    }

    private async Task LoadCrossedAsync(string budgetId, BudgetPeriod period, CancellationToken cancellationToken)
    {
        if (!_crossedLoaded.Add((budgetId, period.Start)))
        {
            return;
        }

        await using var command = new NpgsqlCommand(
            $"SELECT threshold_percent FROM {BudgetSpendTables.Alerts} WHERE budget_id = $1 AND period_start = $2", connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = budgetId });
        command.Parameters.Add(new NpgsqlParameter { Value = period.Start.UtcDateTime });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            _crossed.Add((budgetId, period.Start, reader.GetDecimal(0)));
        }
    }
}
