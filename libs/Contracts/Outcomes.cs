namespace TokenOptimizer.Contracts;

/// <summary>The values of <see cref="UsageRecorded.Outcome"/>.</summary>
public static class Outcomes
{
    /// <summary>The call returned a result.</summary>
    public const string Succeeded = "succeeded";

    /// <summary>The call failed; <see cref="UsageRecorded.ErrorType"/> says how.</summary>
    public const string Failed = "failed";

    /// <summary>Every known value.</summary>
    public static IReadOnlyList<string> All { get; } = [Succeeded, Failed];
}
