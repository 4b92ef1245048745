namespace TokenOptimizer.GraphQLBenchmark;

/// <summary>
/// The same response built by calling the resolvers directly, with no GraphQL in between: the floor the
/// engine's overhead is measured against. It serialises scalars the same way the engine does.
/// </summary>
internal static class DirectBaseline
{
    public static Dictionary<string, object?> Run(int first, string? provider)
    {
        var totals = (Dictionary<string, object?>)DashboardSchema.Totals();
        var calls = DashboardSchema.RecentCalls(first).ToList();
        var models = DashboardSchema.ModelsOf(calls);
        return new Dictionary<string, object?>
        {
            ["totals"] = new Dictionary<string, object?>
            {
                ["calls"] = totals["calls"],
                ["inputTokens"] = totals["inputTokens"],
                ["outputTokens"] = totals["outputTokens"],
                ["cost"] = ((decimal)totals["cost"]!).ToString(System.Globalization.CultureInfo.InvariantCulture),
            },
            ["costByModel"] = DashboardSchema.CostByModel(provider).Select(row => new Dictionary<string, object?>
            {
                ["calls"] = row["calls"],
                ["cost"] = ((decimal)row["cost"]!).ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["model"] = ModelInfo((DashboardSchema.Model)row["model"]!),
            }).ToList(),
            ["recentCalls"] = calls.Select((c, i) => new Dictionary<string, object?>
            {
                ["id"] = c.Id,
                ["status"] = c.Status,
                ["at"] = c.At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", System.Globalization.CultureInfo.InvariantCulture),
                ["inputTokens"] = c.InputTokens,
                ["outputTokens"] = c.OutputTokens,
                ["cost"] = c.Cost.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["model"] = ModelInfo((DashboardSchema.Model)models[i]!),
            }).ToList(),
            ["budgets"] = DashboardSchema.Budgets.Select(b => new Dictionary<string, object?>
            {
                ["id"] = b.Id,
                ["name"] = b.Name,
                ["limit"] = b.Limit.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["spent"] = b.Spent.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["remaining"] = DashboardSchema.Remaining(b).ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["ratio"] = DashboardSchema.Ratio(b),
            }).ToList(),
        };
    }

    private static Dictionary<string, object?> ModelInfo(DashboardSchema.Model model) => new()
    {
        ["id"] = model.Id,
        ["name"] = model.Name,
        ["provider"] = model.Provider,
        ["inputPrice"] = model.InputPrice.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["outputPrice"] = model.OutputPrice.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
