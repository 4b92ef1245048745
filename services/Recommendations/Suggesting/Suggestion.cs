using System.Security.Cryptography;
using System.Text;

namespace TokenOptimizer.Recommendations.Suggesting;

/// <summary>
/// One computed recommendation: what to change, what it saves per month (the window's saving scaled to 30 days from the days it observed), its
/// quality impact, how sure we are, and the numbers it used. Its <see cref="Id"/> is derived from what it is about, so
/// the same advice computed again is the same recommendation, revised rather than repeated.
/// </summary>
public sealed record Suggestion
{
    public required string Kind { get; init; }

    public required string Feature { get; init; }

    public required string Provider { get; init; }

    public required string Model { get; init; }

    /// <summary>The provider and model to move to, for a switch; null for other kinds.</summary>
    public string? CandidateProvider { get; init; }

    public string? CandidateModel { get; init; }

    /// <summary>The budget a budget-risk recommendation warns about; null for other kinds.</summary>
    public string? BudgetId { get; init; }

    /// <summary>What to change, in plain words.</summary>
    public required string Change { get; init; }

    public required decimal MonthlySavingUsd { get; init; }

    /// <summary>The saving as a share of the feature's spend on this model, in percent.</summary>
    public required decimal SavingPercent { get; init; }

    /// <summary>Candidate quality minus current quality for the feature's task kind (0–100 scale); null when not a switch or not known.</summary>
    public double? QualityDelta { get; init; }

    public required string QualityImpact { get; init; }

    /// <summary>Where the quality scores compared come from (the quality data's own words).</summary>
    public string? QualitySource { get; init; }

    /// <summary>0–1, from sample size and the variance of cost per call.</summary>
    public required double Confidence { get; init; }

    public required string ConfidenceLabel { get; init; }

    /// <summary>The numbers the recommendation used, by name.</summary>
    public required IReadOnlyDictionary<string, decimal> Evidence { get; init; }

    public string Id => IdOf(Kind, Feature, Provider, Model, CandidateProvider, CandidateModel, BudgetId);

    public static string IdOf(params string?[] parts)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\u001f", parts.Select(p => p ?? ""))));
        return "rec-" + Convert.ToHexStringLower(hash, 0, 8);
    }
}
