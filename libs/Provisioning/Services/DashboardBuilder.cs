namespace TokenOptimizer.Provisioning.Services;

/// <summary>
/// Builds the dashboard when <c>dashboard/dist</c> is missing or older than any of its sources: <c>npm ci</c> when its
/// packages are missing or the lock file changed, then <c>npm run build</c>. Used by the AppHost and the end-to-end tests.
/// </summary>
public static class DashboardBuilder
{
    private static readonly string[] SourceFiles = ["package.json", "package-lock.json", "index.html", "vite.config.ts", "tsconfig.json"];

    /// <summary>The dashboard's folder in this checkout.</summary>
    public static string Folder => Path.Combine(DotnetService.RepositoryRoot(), "dashboard");

    /// <summary>The built app, which the Query service serves (its <c>Dashboard:Path</c>).</summary>
    public static string Output => Path.Combine(Folder, "dist");

    /// <summary>Whether the built app is missing or older than a source file.</summary>
    public static bool IsStale()
    {
        var built = Path.Combine(Output, "index.html");
        return File.Exists(Path.Combine(Folder, "package.json")) && (!File.Exists(built) || LatestSource() > File.GetLastWriteTimeUtc(built));
    }

    /// <summary>Builds the app if it is stale; the commands' output goes to <paramref name="progress"/>.</summary>
    /// <exception cref="ProvisioningException">npm is missing or a step failed (the message ends with its output).</exception>
    public static async Task EnsureBuiltAsync(Action<string> progress, CancellationToken ct)
    {
        if (!IsStale())
        {
            return;
        }

        await EnsurePackagesAsync(progress, ct);
        await NpmAsync(["run", "build"], progress, ct);
    }

    /// <summary>Runs <c>npm ci</c> when the installed packages are missing or older than the lock file.</summary>
    public static async Task EnsurePackagesAsync(Action<string> progress, CancellationToken ct)
    {
        var installed = Path.Combine(Folder, "node_modules", ".package-lock.json");
        if (!File.Exists(installed) || File.GetLastWriteTimeUtc(Path.Combine(Folder, "package-lock.json")) > File.GetLastWriteTimeUtc(installed))
        {
            await NpmAsync(["ci", "--no-audit", "--no-fund"], progress, ct);
        }
    }

    private static async Task NpmAsync(string[] arguments, Action<string> progress, CancellationToken ct)
    {
        CommandResult result;
        try
        {
            result = await CommandRunner.RunAsync("npm", ["--prefix", Folder, .. arguments], null, progress, ct);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new ProvisioningException("npm is not installed: install Node.js 20 and npm to build the dashboard.");
        }

        result.ThrowIfFailed("building the dashboard");
    }

    private static DateTime LatestSource() =>
        SourceFiles.Select(f => Path.Combine(Folder, f)).Where(File.Exists)
            .Concat(Directory.Exists(Path.Combine(Folder, "src")) ? Directory.EnumerateFiles(Path.Combine(Folder, "src"), "*", SearchOption.AllDirectories) : [])
            .Select(File.GetLastWriteTimeUtc)
            .DefaultIfEmpty(DateTime.MinValue)
            .Max();
}
