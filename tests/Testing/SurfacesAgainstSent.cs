using System.Globalization;
using System.Text.Json;
using TokenOptimizer.Contracts;

namespace TokenOptimizer.Testing;

/// <summary>
/// What a producer sent against what the product shows of it, read only through Query's surfaces, so it holds whatever
/// store and daemon sit underneath: the request log (the CSV export), the rollups (GraphQL <c>overview</c>) and the user
/// rollups (<c>costBreakdown(by: USER)</c>). The database must hold only this traffic, from the last 24 hours.
/// </summary>
/// <param name="Sent">Distinct records sent (team, request id).</param>
/// <param name="Logged">Of those, how many the request log holds.</param>
/// <param name="Lost">Sent and not in the request log.</param>
/// <param name="Doubled">Request-log rows beyond one per record, plus rollup requests beyond the records logged.</param>
/// <param name="Mismatches">Every figure a surface shows that differs from what was sent (empty: none).</param>
public sealed record SurfacesAgainstSent(long Sent, long Logged, long Lost, long Doubled, IReadOnlyList<string> Mismatches)
{
    private const string Totals = """
        { overview(filter: {range: LAST_24_HOURS}) { requests inputTokens outputTokens totalCostUsd }
          costBreakdown(by: USER, filter: {range: LAST_24_HOURS}) { key requests inputTokens outputTokens costUsd } }
        """;

    private IReadOnlyList<(DateTimeOffset OccurredAt, decimal CostUsd)> _loggedCosts = [];

    /// <summary>Nothing lost, nothing doubled, every figure equal.</summary>
    public bool Intact => Lost == 0 && Doubled == 0 && Mismatches.Count == 0;

    /// <summary>The request log (the CSV export) holds every record sent, once, and nothing else.</summary>
    public bool RequestLogMatches { get; private init; }

    /// <summary>The rollups (GraphQL's overview) and the user rollups equal what was sent: requests, tokens, cost to the cent.</summary>
    public bool RollupsMatch { get; private init; }

    /// <summary>
    /// Reads every surface with <paramref name="readKey"/> and compares. Ingestion prices the records, so cost has no
    /// sender's figure: the request log's per-call costs are the reference every rollup must equal to the cent.
    /// </summary>
    public static async Task<SurfacesAgainstSent> ReadAsync(HttpClient query, string readKey, IReadOnlyCollection<UsageRecorded> sent)
    {
        var records = sent.DistinctBy(Key).ToList();
        var log = await RequestLogAsync(query, readKey);
        var logged = log.Select(r => (r["team"], r["request_id"])).ToHashSet();
        var sentKeys = records.Select(Key).ToHashSet();
        var mismatches = new List<string>();
        var strangers = logged.Count(k => !sentKeys.Contains(k));
        if (strangers > 0)
        {
            mismatches.Add($"{strangers} logged records were never sent");
        }

        var (status, body) = await query.GraphQLAsync(readKey, Totals);
        if (status != 200 || body.TryGetProperty("errors", out _))
        {
            throw new InvalidOperationException($"GraphQL answered {status}: {body}");
        }

        var data = body.GetProperty("data");
        var overview = data.GetProperty("overview");
        var rollupRequests = overview.GetProperty("requests").GetInt64();
        Compare(mismatches, "overview", Figures.Of(overview, "totalCostUsd"), Figures.Of(records, log));
        var users = data.GetProperty("costBreakdown").EnumerateArray().ToDictionary(u => u.GetProperty("key").GetString()!, u => Figures.Of(u, "costUsd"));
        foreach (var user in records.GroupBy(r => r.UserId ?? "").Select(g => g.Key).Union(users.Keys))
        {
            Compare(mismatches, $"user '{user}'", users.GetValueOrDefault(user),
                Figures.Of(records.Where(r => (r.UserId ?? "") == user), log.Where(r => r["user_id"] == user)));
        }

        var lost = sentKeys.Count(k => !logged.Contains(k));
        var doubled = log.Count - logged.Count + Math.Max(0, rollupRequests - logged.Count);
        return new SurfacesAgainstSent(sentKeys.Count, sentKeys.Count - lost, lost, doubled, mismatches)
        {
            RequestLogMatches = lost == 0 && strangers == 0 && log.Count == logged.Count,
            RollupsMatch = mismatches.Count == (strangers > 0 ? 1 : 0),
            _loggedCosts = [.. log.Select(r => (DateTimeOffset.Parse(r["occurred_at"], CultureInfo.InvariantCulture), Cost(r)))],
        };
    }

    /// <summary>What the request log prices the calls made from <paramref name="from"/> to before <paramref name="to"/> at: what a budget over that period has spent.</summary>
    public decimal LoggedCostUsd(DateTimeOffset from, DateTimeOffset to) =>
        _loggedCosts.Where(c => c.OccurredAt >= from && c.OccurredAt < to).Sum(c => c.CostUsd);

    public override string ToString() =>
        $"sent {Sent}, logged {Logged}, lost {Lost}, doubled {Doubled}{(Mismatches.Count == 0 ? "" : "; " + string.Join("; ", Mismatches))}";

    private static (string, string) Key(UsageRecorded record) => (record.Team ?? "", record.RequestId);

    private static async Task<List<Dictionary<string, string>>> RequestLogAsync(HttpClient query, string readKey)
    {
        using var response = await query.ExportAsync(readKey, "/export/usage.csv?range=LAST_24_HOURS");
        response.EnsureSuccessStatusCode();
        return CsvFile.Rows(await response.Content.ReadAsStringAsync());
    }

    private static decimal Cost(Dictionary<string, string> logged) =>
        logged["cost_usd"].Length == 0 ? 0m : decimal.Parse(logged["cost_usd"], CultureInfo.InvariantCulture);

    private static void Compare(List<string> mismatches, string surface, Figures? shown, Figures expected)
    {
        if (shown != expected)
        {
            mismatches.Add($"{surface} shows {shown?.ToString() ?? "nothing"}, sent {expected}");
        }
    }

    /// <summary>Requests, tokens, and cost to the cent.</summary>
    private sealed record Figures(long Requests, long InputTokens, long OutputTokens, decimal CostUsd)
    {
        public static Figures Of(JsonElement shown, string cost) => new(
            shown.GetProperty("requests").GetInt64(), shown.GetProperty("inputTokens").GetInt64(), shown.GetProperty("outputTokens").GetInt64(),
            Cents(decimal.Parse(shown.GetProperty(cost).GetString()!, CultureInfo.InvariantCulture)));

        public static Figures Of(IEnumerable<UsageRecorded> sent, IEnumerable<Dictionary<string, string>> logged)
        {
            var records = sent.ToList();
            return new Figures(records.Count, records.Sum(r => r.InputTokens), records.Sum(r => r.OutputTokens), Cents(logged.Sum(Cost)));
        }

        public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Requests} requests, {InputTokens}+{OutputTokens} tokens, ${CostUsd:0.00}");

        private static decimal Cents(decimal amount) => Math.Round(amount, 2, MidpointRounding.AwayFromZero);
    }
}
