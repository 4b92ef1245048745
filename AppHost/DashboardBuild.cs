using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using TokenOptimizer.Provisioning.Services;

namespace TokenOptimizer.AppHost;

/// <summary>
/// Builds the dashboard (<c>npm ci</c> when its packages are missing or the lock file changed, then <c>npm run build</c>)
/// when <c>dashboard/dist</c> is missing or older than any of its sources, so the Query service serves the current app
/// at <c>/</c>. Without npm the services still start, with a line that says how to get the dashboard.
/// </summary>
internal sealed class DashboardBuild(AppHostOptions options, Console console) : IHostedService
{
    private static readonly string[] SourceFiles = ["package.json", "package-lock.json", "index.html", "vite.config.ts", "tsconfig.json"];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var folder = Path.Combine(DotnetService.RepositoryRoot(), "dashboard");
        var built = Path.Combine(folder, "dist", "index.html");
        if (!File.Exists(Path.Combine(folder, "package.json")) || (File.Exists(built) && LatestSource(folder) <= File.GetLastWriteTimeUtc(built)))
        {
            return;
        }

        console.Step("Building the dashboard (npm)");
        var log = Path.Combine(options.DataFolder, "logs", "dashboard-build.log");
        Directory.CreateDirectory(Path.GetDirectoryName(log)!);
        var installed = Path.Combine(folder, "node_modules", ".package-lock.json");
        var steps = !File.Exists(installed) || File.GetLastWriteTimeUtc(Path.Combine(folder, "package-lock.json")) > File.GetLastWriteTimeUtc(installed)
            ? new[] { "ci", "run build" }
            : ["run build"];
        foreach (var step in steps)
        {
            if (!await RunNpmAsync(folder, step, log, cancellationToken))
            {
                console.Detail($"npm {step} failed (log: {log}); the services start without a fresh dashboard.");
                return;
            }
        }

        console.Detail($"dashboard built into {Path.Combine(folder, "dist")}");
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static DateTime LatestSource(string folder) =>
        SourceFiles.Select(f => Path.Combine(folder, f)).Where(File.Exists)
            .Concat(Directory.Exists(Path.Combine(folder, "src")) ? Directory.EnumerateFiles(Path.Combine(folder, "src"), "*", SearchOption.AllDirectories) : [])
            .Select(File.GetLastWriteTimeUtc)
            .DefaultIfEmpty(DateTime.MinValue)
            .Max();

    private async Task<bool> RunNpmAsync(string folder, string arguments, string log, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("npm", arguments) { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            console.Detail("npm is not installed: install Node.js 20 and npm to get the dashboard at the Query service's /.");
            return false;
        }

        using (process)
        {
            await using var writer = new StreamWriter(log, append: true);
            var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var errors = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            await writer.WriteAsync($"$ npm {arguments}\n{await output}{await errors}\n");
            return process.ExitCode == 0;
        }
    }
}
