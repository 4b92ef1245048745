using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using TokenOptimizer.Aggregation.DefiningAlertRules;
using TokenOptimizer.Aggregation.PublishingAlerts;
using TokenOptimizer.Aggregation.RunningProjections;
using TokenOptimizer.Contracts;
using TokenOptimizer.UsageLog;

namespace TokenOptimizer.Aggregation.EvaluatingAlertRules;

/// <summary>
/// Evaluates the defined alert rules as usage arrives, not by polling: per page, each rule's per-minute figures from the
/// calls in its scope are added, and each rule the page touched is judged once on its window as of the page's latest
/// call in scope (<see cref="AlertRuleEvaluation"/>). Its state and the notifications it owes go out in the daemon's
/// transaction, through the alert outbox, so a crash neither loses nor repeats one; a rebuild does not judge the
/// events it already judged (<c>evaluated_through</c>).
/// </summary>
public sealed class AlertRuleProjection : ReadModelProjection
{
    public const string ProjectionName = "alert_rules";

    /// <summary>How many earlier days' same window form the baseline of an <c>unusual</c> rule.</summary>
    public const int BaselineDays = 7;

    public override string Name => ProjectionName;

    public override IReadOnlyCollection<string> EventTypes { get; } = ["usage_ingested", "alert_rule_defined", "alert_rule_changed", "alert_rule_removed"];

    public override async Task ApplyAsync(IReadOnlyList<StoredEvent> events, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var rules = await LoadAsync(connection, transaction, cancellationToken);
        var minutes = new Dictionary<(string RuleId, DateTime Minute), MinuteFigures>();
        var latest = new Dictionary<string, (DateTimeOffset At, long Sequence)>(StringComparer.Ordinal);
        foreach (var stored in events)
        {
            switch (stored.Data)
            {
                case AlertRuleDefined defined:
                    // On a rebuild the rule is known already: it keeps its state, so its alerts keep their ids.
                    rules[defined.RuleId] = rules.TryGetValue(defined.RuleId, out var known)
                        ? known with { Rule = new AlertRule(defined.RuleId, defined.Terms), Removed = false }
                        : new LoadedRule(new AlertRule(defined.RuleId, defined.Terms), AlertRuleState.Quiet(defined.RuleId), false, stored.Sequence);
                    break;
                case AlertRuleChanged changed when rules.TryGetValue(changed.RuleId, out var rule):
                    rules[changed.RuleId] = rule with { Rule = new AlertRule(changed.RuleId, changed.Terms) };
                    break;
                case AlertRuleRemoved removed when rules.TryGetValue(removed.RuleId, out var rule):
                    rules[removed.RuleId] = rule with { Removed = true };
                    break;
                case UsageIngested ingested:
                    foreach (var rule in rules.Values.Where(r => !r.Removed && stored.Sequence > r.EvaluatedThrough && AlertScope.Contains(r.Rule.Terms.Scope, ingested.Usage)))
                    {
                        var key = (rule.Rule.RuleId, Minute(ingested.Usage.OccurredAt));
                        minutes[key] = minutes.GetValueOrDefault(key, MinuteFigures.None).Plus(FiguresOf(ingested));
                        var at = latest.TryGetValue(rule.Rule.RuleId, out var seen) && seen.At > ingested.Usage.OccurredAt ? seen.At : ingested.Usage.OccurredAt;
                        latest[rule.Rule.RuleId] = (at, stored.Sequence);
                    }

                    break;
            }
        }

        await AddMinutesAsync(minutes, connection, transaction, cancellationToken);
        var outbox = new List<OutboxMessage>();
        foreach (var (ruleId, (at, sequence)) in latest)
        {
            var loaded = rules[ruleId];
            var figure = await FigureAsync(loaded.Rule.Terms, ruleId, at, connection, transaction, cancellationToken);
            var (next, owed) = AlertRuleEvaluation.Evaluate(loaded.Rule, loaded.State, figure);
            rules[ruleId] = loaded with { State = next, EvaluatedThrough = sequence };
            outbox.AddRange(owed.Select(n => OutboxMessage.For(n, loaded.Rule.Terms.WebhookUrl)));
        }

        await SaveAsync(rules.Values, connection, transaction, cancellationToken);
        if (outbox.Count > 0)
        {
            await AlertOutbox.AddAsync(outbox, connection, transaction, cancellationToken);
        }
    }

    // The rules' states stay: a rebuild re-adds the figures but judges nothing it judged before, so it notifies no one twice.
    public override async Task ResetAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"TRUNCATE {AlertRuleTables.Minutes}", connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static DateTime Minute(DateTimeOffset at) => new(at.UtcTicks - (at.UtcTicks % TimeSpan.TicksPerMinute), DateTimeKind.Utc);

    private static MinuteFigures FiguresOf(UsageIngested ingested) => new(
        1, ingested.Usage.Outcome == Outcomes.Failed ? 1 : 0, ingested.Cost.Priced ? 0 : 1, ingested.Cost.Priced ? ingested.Cost.TotalUsd : 0,
        ingested.Usage.InputTokens + ingested.Usage.OutputTokens);

    private static async Task<WindowFigure> FigureAsync(AlertRuleTerms terms, string ruleId, DateTimeOffset at, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        // Day 0 is the window itself, days 1–7 the same window on the days before (the unusual condition's baseline).
        await using var command = new NpgsqlCommand($"""
            SELECT d, coalesce(sum(m.requests), 0), coalesce(sum(m.failures), 0), coalesce(sum(m.unpriced), 0), coalesce(sum(m.cost_usd), 0), coalesce(sum(m.tokens), 0)
            FROM generate_series(0, {BaselineDays}) AS d
            LEFT JOIN {AlertRuleTables.Minutes} m ON m.rule_id = $1
                AND m.minute > $2 - make_interval(days => d, mins => $3) AND m.minute <= $2 - make_interval(days => d)
            GROUP BY d ORDER BY d
            """, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = ruleId });
        command.Parameters.Add(new NpgsqlParameter { Value = Minute(at), NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = terms.WindowMinutes });
        var figures = new List<MinuteFigures>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                figures.Add(new MinuteFigures(reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetDecimal(4), reader.GetInt64(5)));
            }
        }

        // A day with no calls in scope is no evidence of what is usual: only days that saw calls form the baseline.
        var baseline = figures.Skip(1).Where(f => f.Requests > 0).Select(f => f.ValueOf(terms.Metric)).OfType<decimal>().ToList();
        await using var forget = new NpgsqlCommand(
            $"DELETE FROM {AlertRuleTables.Minutes} WHERE rule_id = $1 AND minute <= $2 - make_interval(days => {BaselineDays}, mins => $3)", connection, transaction);
        forget.Parameters.Add(new NpgsqlParameter { Value = ruleId });
        forget.Parameters.Add(new NpgsqlParameter { Value = Minute(at), NpgsqlDbType = NpgsqlDbType.TimestampTz });
        forget.Parameters.Add(new NpgsqlParameter { Value = terms.WindowMinutes });
        await forget.ExecuteNonQueryAsync(cancellationToken);
        return new WindowFigure(figures[0].ValueOf(terms.Metric), baseline, at);
    }

    private static async Task AddMinutesAsync(Dictionary<(string RuleId, DateTime Minute), MinuteFigures> minutes, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        if (minutes.Count == 0)
        {
            return;
        }

        var keys = minutes.Keys.ToArray();
        await using var upsert = new NpgsqlCommand($"""
            INSERT INTO {AlertRuleTables.Minutes} AS t
            SELECT * FROM unnest($1::text[], $2::timestamptz[], $3::bigint[], $4::bigint[], $5::bigint[], $6::numeric[], $7::bigint[])
            ON CONFLICT (rule_id, minute) DO UPDATE SET requests = t.requests + excluded.requests, failures = t.failures + excluded.failures,
                unpriced = t.unpriced + excluded.unpriced, cost_usd = t.cost_usd + excluded.cost_usd, tokens = t.tokens + excluded.tokens
            """, connection, transaction);
        upsert.Parameters.Add(new NpgsqlParameter { Value = keys.Select(k => k.RuleId).ToArray() });
        upsert.Parameters.Add(new NpgsqlParameter { Value = keys.Select(k => k.Minute).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz });
        upsert.Parameters.Add(new NpgsqlParameter { Value = keys.Select(k => minutes[k].Requests).ToArray() });
        upsert.Parameters.Add(new NpgsqlParameter { Value = keys.Select(k => minutes[k].Failures).ToArray() });
        upsert.Parameters.Add(new NpgsqlParameter { Value = keys.Select(k => minutes[k].Unpriced).ToArray() });
        upsert.Parameters.Add(new NpgsqlParameter { Value = keys.Select(k => minutes[k].CostUsd).ToArray() });
        upsert.Parameters.Add(new NpgsqlParameter { Value = keys.Select(k => minutes[k].Tokens).ToArray() });
        await upsert.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<Dictionary<string, LoadedRule>> LoadAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var rules = new Dictionary<string, LoadedRule>(StringComparer.Ordinal);
        await using var command = new NpgsqlCommand($"SELECT rule_id, terms::text, state::text, removed, evaluated_through FROM {AlertRuleTables.Rules}", connection, transaction);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var ruleId = reader.GetString(0);
            rules[ruleId] = new LoadedRule(new AlertRule(ruleId, JsonSerializer.Deserialize<AlertRuleTerms>(reader.GetString(1), JsonSerializerOptions.Web)!),
                JsonSerializer.Deserialize<AlertRuleState>(reader.GetString(2), JsonSerializerOptions.Web)!, reader.GetBoolean(3), reader.GetInt64(4));
        }

        return rules;
    }

    private static async Task SaveAsync(IEnumerable<LoadedRule> rules, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var all = rules.ToArray();
        if (all.Length == 0)
        {
            return;
        }

        await using var upsert = new NpgsqlCommand($"""
            INSERT INTO {AlertRuleTables.Rules} SELECT * FROM unnest($1::text[], $2::jsonb[], $3::jsonb[], $4::boolean[], $5::bigint[])
            ON CONFLICT (rule_id) DO UPDATE SET terms = excluded.terms, state = excluded.state, removed = excluded.removed, evaluated_through = excluded.evaluated_through
            """, connection, transaction);
        upsert.Parameters.Add(new NpgsqlParameter { Value = all.Select(r => r.Rule.RuleId).ToArray() });
        upsert.Parameters.Add(new NpgsqlParameter { Value = all.Select(r => JsonSerializer.Serialize(r.Rule.Terms, JsonSerializerOptions.Web)).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb });
        upsert.Parameters.Add(new NpgsqlParameter { Value = all.Select(r => JsonSerializer.Serialize(r.State, JsonSerializerOptions.Web)).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb });
        upsert.Parameters.Add(new NpgsqlParameter { Value = all.Select(r => r.Removed).ToArray() });
        upsert.Parameters.Add(new NpgsqlParameter { Value = all.Select(r => r.EvaluatedThrough).ToArray() });
        await upsert.ExecuteNonQueryAsync(cancellationToken);
    }

    private sealed record LoadedRule(AlertRule Rule, AlertRuleState State, bool Removed, long EvaluatedThrough);
}
