using TokenOptimizer.UsageLog;

namespace TokenOptimizer.Ingestion.PricingModels;

/// <summary>What a new price means for one recorded call. Compared by reference: there is one of each outcome but the last.</summary>
public sealed class RepricingDecision
{
    private RepricingDecision()
    {
    }

    /// <summary>Another price is in force at the call's time (an earlier or later one, or none for its model).</summary>
    public static RepricingDecision NotAffected { get; } = new();

    /// <summary>The call already has the cost this price gives.</summary>
    public static RepricingDecision Unchanged { get; } = new();

    /// <summary>The compensating event to append, when the cost changes.</summary>
    public UsageRepriced? Repriced { get; private init; }

    public static RepricingDecision Reprice(UsageRepriced repriced) => new() { Repriced = repriced };
}
