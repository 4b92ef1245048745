namespace TokenOptimizer.Testing;

/// <summary>Names for per-class databases and virtual hosts: valid for both, and unique even on a shared server.</summary>
public static class UniqueNames
{
    /// <summary>For example <c>test_3f2a9c0e1b7d</c>.</summary>
    public static string Next(string prefix = "test") => $"{prefix}_{Guid.NewGuid().ToString("N")[..12]}";
}
