namespace TokenOptimizer.ReadModels;

/// <summary>
/// What counts as an up minute, under configuration section <c>ProviderHealth</c>: the same section the writer's
/// circuit settings live in, so one setting configures every service that reads provider health.
/// </summary>
public sealed record ProviderUptimeOptions
{
    public const string Section = "ProviderHealth";

    /// <summary>A minute is up when its success rate (provider-caused failures only) is at least this.</summary>
    public double UpMinuteSuccessRate { get; init; } = 0.95;
}
