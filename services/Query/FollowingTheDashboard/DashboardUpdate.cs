namespace TokenOptimizer.Query.FollowingTheDashboard;

/// <summary>Pushed when the read models advance: their new version and when it was seen.</summary>
public sealed record DashboardUpdate(string Version, DateTimeOffset At);
