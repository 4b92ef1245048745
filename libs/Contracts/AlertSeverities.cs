namespace TokenOptimizer.Contracts;

/// <summary>How urgent an alert is, least first.</summary>
public static class AlertSeverities
{
    /// <summary>Worth knowing; no one need act.</summary>
    public const string Info = "info";
    /// <summary>Needs a look soon.</summary>
    public const string Warning = "warning";
    /// <summary>Needs someone now.</summary>
    public const string Critical = "critical";

    /// <summary>Every severity, least urgent first.</summary>
    public static IReadOnlyList<string> All { get; } = [Info, Warning, Critical];
}
