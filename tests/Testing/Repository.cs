namespace TokenOptimizer.Testing;

/// <summary>The checkout the tests run from.</summary>
public static class Repository
{
    /// <summary>The folder holding <c>TokenOptimizer.sln</c>, found upwards from the running test assembly.</summary>
    public static string Root()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "TokenOptimizer.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("Cannot find TokenOptimizer.sln above " + AppContext.BaseDirectory);
    }
}
