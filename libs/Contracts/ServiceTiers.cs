namespace TokenOptimizer.Contracts;

/// <summary>The values of <see cref="UsageRecorded.ServiceTier"/>.</summary>
public static class ServiceTiers
{
    /// <summary>The provider's normal rates.</summary>
    public const string Standard = "standard";

    /// <summary>A batch API: cheaper, answered later.</summary>
    public const string Batch = "batch";

    /// <summary>Flex processing: cheaper, slower, may be refused under load.</summary>
    public const string Flex = "flex";

    /// <summary>Priority processing: dearer, faster.</summary>
    public const string Priority = "priority";

    /// <summary>Every known value.</summary>
    public static IReadOnlyList<string> All { get; } = [Standard, Batch, Flex, Priority];
}
