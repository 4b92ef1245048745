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

    /// <summary>A project's built assembly, in the configuration and framework the tests were built for.</summary>
    /// <param name="projectFolder">The project's folder from the repository root, e.g. <c>samples/ChatWithUsage</c>.</param>
    /// <param name="assemblyName">Its assembly's name, without <c>.dll</c>.</param>
    public static string BuiltAssembly(string projectFolder, string assemblyName)
    {
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        return Path.Combine(Root(), projectFolder, "bin", testOutput.Parent!.Name, testOutput.Name, assemblyName + ".dll");
    }
}
