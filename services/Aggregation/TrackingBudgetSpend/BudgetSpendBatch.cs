using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using TokenOptimizer.Aggregation.DefiningBudget;
using TokenOptimizer.Contracts;
using TokenOptimizer.ReadModels;
using TokenOptimizer.UsageLog;

namespace TokenOptimizer.Aggregation.TrackingBudgetSpend;

/// <summary>
/// One page's working state for <see cref="BudgetSpendProjection"/>: spend deltas per scope and hour, budget
/// definitions changed, and each budget's entries for its grain, with the period's opening spend read once per budget
/// and period; saved in the page's transaction, then fed to the grains.
/// </summary>
internal sealed class BudgetSpendBatch(Dictionary<string, Budget> budgets, NpgsqlConnection connection, NpgsqlTransaction transaction)
{
    private readonly Dictionary<(string Kind, string Value, DateTime Hour), decimal> _hourDeltas = [];
    private readonly Dictionary<string, List<BudgetEntry>> _entries = new(StringComparer.Ordinal);
    private readonly HashSet<(string BudgetId, DateTimeOffset Period)> _opened = [];
    private readonly HashSet<string> _dirty = [];

    public async Task SetAsync(Budget budget, long sequence, DateTimeOffset at, CancellationToken cancellationToken)
    {
        budgets[budget.BudgetId] = budget;
        _dirty.Add(budget.BudgetId);
        var period = BudgetPeriod.Containing(budget.Terms, at);
        // New terms may cover another scope: the grain drops its periods, so each needs its opening again.
        _opened.RemoveWhere(o => o.BudgetId == budget.BudgetId);
        _opened.Add((budget.BudgetId, period.Start));
        Add(budget.BudgetId, new BudgetEntry(sequence, at) { Terms = budget.Terms, Opening = await OpeningAsync(budget.Terms, period, at, cancellationToken) });
    }

    public void Remove(string budgetId, long sequence, DateTimeOffset at)
    {
        if (budgets.TryGetValue(budgetId, out var budget))
        {
            budgets[budgetId] = budget with { Removed = true };
            _dirty.Add(budgetId);
            Add(budgetId, new BudgetEntry(sequence, at) { Removed = true });
        }
    }

    public async Task SpendAsync(UsageRecorded usage, long sequence, DateTimeOffset at, decimal amount, CancellationToken cancellationToken)
    {
        if (amount == 0)
        {
            return;
        }

        var scopes = BudgetSpendProjection.ScopesOf(usage).ToList();
        foreach (var budget in budgets.Values.Where(b => !b.Removed && scopes.Contains((b.Terms.ScopeKind, b.Terms.ScopeValue ?? ""))))
        {
            var period = BudgetPeriod.Containing(budget.Terms, at);
            var opening = _opened.Add((budget.BudgetId, period.Start)) ? await OpeningAsync(budget.Terms, period, at, cancellationToken) : null;
            Add(budget.BudgetId, new BudgetEntry(sequence, at) { SpentUsd = amount, Opening = opening });
        }

        var hour = RollupGranularity.Hour.BucketOf(at);
        foreach (var (kind, value) in scopes)
        {
            _hourDeltas[(kind, value, hour)] = _hourDeltas.GetValueOrDefault((kind, value, hour)) + amount;
        }
    }

    /// <summary>
    /// Forgets an erased user as the per-user rollups do: the user's hourly spend goes (no budget covers "no user", and
    /// every other scope still counts it), and a budget scoped to the user ends and loses the id from its terms.
    /// </summary>
    public async Task ForgetUserAsync(UserErased erased, long sequence, CancellationToken cancellationToken)
    {
        foreach (var key in _hourDeltas.Keys.Where(k => k.Kind == BudgetScopes.User && erased.Names(k.Value)).ToList())
        {
            _hourDeltas.Remove(key);
        }

        // The event holds only a salted hash: the stored ids are hashed to find it, as ErasedUserReadModels does.
        var ids = new List<string>();
        await using (var stored = new NpgsqlCommand(
            $"SELECT DISTINCT scope_value FROM {BudgetSpendTables.SpendByScopeHour} WHERE scope_kind = '{BudgetScopes.User}'", connection, transaction))
        await using (var reader = await stored.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                if (erased.Names(reader.GetString(0)))
                {
                    ids.Add(reader.GetString(0));
                }
            }
        }

        if (ids.Count > 0)
        {
            await using var forget = new NpgsqlCommand(
                $"DELETE FROM {BudgetSpendTables.SpendByScopeHour} WHERE scope_kind = '{BudgetScopes.User}' AND scope_value = ANY($1)", connection, transaction);
            forget.Parameters.Add(new NpgsqlParameter { Value = ids.ToArray() });
            await forget.ExecuteNonQueryAsync(cancellationToken);
        }

        // An empty user is one the erasure already blanked in the budget's stored events (a rebuild replays those).
        foreach (var budget in budgets.Values.Where(b => b.Terms.ScopeKind == BudgetScopes.User && !b.Removed && (b.Terms.ScopeValue == "" || erased.Names(b.Terms.ScopeValue))).ToList())
        {
            budgets[budget.BudgetId] = budget with { Removed = true, Terms = budget.Terms with { ScopeValue = "" } };
            _dirty.Add(budget.BudgetId);
            Add(budget.BudgetId, new BudgetEntry(sequence, erased.ErasedAt) { ScopeErased = true });
        }
    }

    public async Task SaveAsync(IBudgetSpendFeed feed, CancellationToken cancellationToken)
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

        foreach (var budgetId in _dirty)
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

        if (_entries.Count > 0)
        {
            // Before the page commits: if a grain fails, the page is rolled back and fed again, and grains skip what they applied.
            await feed.FeedAsync(_entries, cancellationToken);
        }
    }

    private void Add(string budgetId, BudgetEntry entry)
    {
        if (!_entries.TryGetValue(budgetId, out var entries))
        {
            _entries[budgetId] = entries = [];
        }

        entries.Add(entry);
    }

    // The period's spend in the terms' scope so far: the read model as of the last page, plus this page's spend before
    // this entry; with the hours of the recent trend.
    private async Task<BudgetPeriodSpend> OpeningAsync(BudgetTerms terms, BudgetPeriod period, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var scopeValue = terms.ScopeValue ?? "";
        var recentFrom = (at - BudgetPeriodSpend.RecentHours).UtcDateTime;
        await using var command = new NpgsqlCommand($"""
            SELECT hour, spent_usd, sum(spent_usd) OVER () FROM {BudgetSpendTables.SpendByScopeHour}
            WHERE scope_kind = $1 AND scope_value = $2 AND hour >= $3 AND hour < $4
            ORDER BY hour
            """, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = terms.ScopeKind });
        command.Parameters.Add(new NpgsqlParameter { Value = scopeValue });
        command.Parameters.Add(new NpgsqlParameter { Value = period.Start.UtcDateTime });
        command.Parameters.Add(new NpgsqlParameter { Value = period.End.UtcDateTime });
        var hours = new Dictionary<DateTime, decimal>();
        decimal spent = 0;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                spent = reader.GetDecimal(2);
                if (reader.GetDateTime(0) >= recentFrom)
                {
                    hours[reader.GetDateTime(0)] = reader.GetDecimal(1);
                }
            }
        }

        foreach (var ((kind, value, hour), delta) in _hourDeltas)
        {
            if (kind == terms.ScopeKind && value == scopeValue && hour >= period.Start.UtcDateTime && hour < period.End.UtcDateTime)
            {
                spent += delta;
                if (hour >= recentFrom)
                {
                    hours[hour] = hours.GetValueOrDefault(hour) + delta;
                }
            }
        }

        return new BudgetPeriodSpend(period.Start, period.End, spent, hours.OrderBy(h => h.Key).Select(h => new HourSpend(new DateTimeOffset(h.Key), h.Value)).ToList());
    }
}
