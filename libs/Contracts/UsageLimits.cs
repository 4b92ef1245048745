namespace TokenOptimizer.Contracts;

/// <summary>The bounds a <see cref="UsageRecorded"/> must keep; anything beyond them is rejected, not cut.</summary>
public static class UsageLimits
{
    /// <summary>Most records in one batch (HTTP or <see cref="UsageBatchRecorded"/>).</summary>
    public const int MaxBatchSize = 1000;

    /// <summary>Longest id, provider, model, feature, team, environment or user id.</summary>
    public const int IdentifierMaxLength = 200;

    /// <summary>Longest <see cref="UsageRecorded.ErrorMessage"/>.</summary>
    public const int ErrorMessageMaxLength = 1000;

    /// <summary>Most entries in <see cref="UsageRecorded.Tags"/>.</summary>
    public const int MaxTags = 20;

    /// <summary>Longest tag key or value.</summary>
    public const int TagMaxLength = 200;

    /// <summary>How far in the future <see cref="UsageRecorded.OccurredAt"/> may be (clock skew).</summary>
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(10);
}
