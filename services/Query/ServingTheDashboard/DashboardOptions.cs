namespace TokenOptimizer.Query.ServingTheDashboard;

/// <summary><c>Dashboard</c> configuration: where the built dashboard (Vite's <c>dist</c> folder) is.</summary>
public sealed class DashboardOptions
{
    public const string Section = "Dashboard";

    /// <summary>The folder holding <c>index.html</c>; default: <c>dashboard/dist</c> of the checkout the service runs from.</summary>
    public string? Path { get; set; }
}
