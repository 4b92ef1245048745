namespace TokenOptimizer.Query.IntegrationTests;

/// <summary>Files of the repository the tests run from (found above the test's build output).</summary>
internal static class RepositoryFiles
{
    public static string Path(params string[] parts) => System.IO.Path.Combine([Root(), .. parts]);

    private static string Root()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(System.IO.Path.Combine(directory.FullName, "TokenOptimizer.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("TokenOptimizer.sln not found above " + AppContext.BaseDirectory);
    }
}
