using System.Text.Json;

namespace TokenOptimizer.Query.GettingSlos;

/// <summary>The targets SLOs are judged by now: global, per provider (complete), and where they come from.</summary>
public sealed record SloTargetSettings(
    double PeriodDays, double AtRiskBelowBudgetRemaining, SloTargets Global, IReadOnlyList<ProviderSloTargets> Providers, string Source, DateTimeOffset? SetAt)
{
    /// <summary>Reads the Aggregation service's answer to <c>/v1/slos/targets</c>.</summary>
    public static SloTargetSettings From(JsonElement json)
    {
        var providers = json.GetProperty("providers").EnumerateObject().Select(provider =>
        {
            var targets = provider.Value.Deserialize<SloTargets>(JsonSerializerOptions.Web)!;
            return new ProviderSloTargets(provider.Name, targets.Availability, targets.LatencyP95Ms, targets.ErrorRate);
        }).ToList();
        return new SloTargetSettings(
            json.GetProperty("period").Deserialize<TimeSpan>().TotalDays,
            json.GetProperty("atRiskBelowBudgetRemaining").GetDouble(),
            json.GetProperty("global").Deserialize<SloTargets>(JsonSerializerOptions.Web)!,
            providers,
            json.GetProperty("source").GetString()!,
            json.TryGetProperty("setAt", out var setAt) && setAt.ValueKind == JsonValueKind.String ? setAt.GetDateTimeOffset() : null);
    }
}

/// <summary>Targets of the three objectives; a null one is not judged.</summary>
public sealed record SloTargets(double? Availability, double? LatencyP95Ms, double? ErrorRate);

/// <summary>One provider's targets, its own where set, the global ones otherwise.</summary>
public sealed record ProviderSloTargets(string Provider, double? Availability, double? LatencyP95Ms, double? ErrorRate);
