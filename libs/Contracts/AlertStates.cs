namespace TokenOptimizer.Contracts;

/// <summary>The states of an alert. Only <see cref="Firing"/> and <see cref="Resolved"/> notify.</summary>
public static class AlertStates
{
    /// <summary>Its condition holds; channels were told.</summary>
    public const string Firing = "firing";
    /// <summary>Still firing, and someone has said they are on it.</summary>
    public const string Acknowledged = "acknowledged";
    /// <summary>Its condition no longer holds; channels were told again.</summary>
    public const string Resolved = "resolved";
}
