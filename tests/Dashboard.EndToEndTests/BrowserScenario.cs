using System.Diagnostics;
using TokenOptimizer.Provisioning.Services;

namespace TokenOptimizer.Dashboard.EndToEndTests;

/// <summary>
/// Runs one end-to-end scenario of <c>dashboard/e2e/scenarios.mjs</c>: playwright-core driving Debian's Chromium
/// (headless) against the running system. The scenario exits non-zero with its reason on stderr when a check fails.
/// </summary>
public static class BrowserScenario
{
    public const string Chromium = "/usr/bin/chromium";

    private static readonly SemaphoreSlim Preparing = new(1, 1);

    /// <summary>Installs Chromium (as root, with apt) and the dashboard's packages when they are missing.</summary>
    public static async Task EnsureReadyAsync()
    {
        await Preparing.WaitAsync();
        try
        {
            if (!File.Exists(Chromium))
            {
                await RunAsync("apt-get", ["-o", "DPkg::Lock::Timeout=600", "install", "-y", "--no-install-recommends", "chromium"],
                    new Dictionary<string, string> { ["DEBIAN_FRONTEND"] = "noninteractive" }, TimeSpan.FromMinutes(10));
            }

            await DashboardBuilder.EnsurePackagesAsync(_ => { }, CancellationToken.None);
        }
        finally
        {
            Preparing.Release();
        }
    }

    public static async Task RunAsync(RunningSystem system, string scenario, IReadOnlyDictionary<string, string>? extra = null)
    {
        var environment = new Dictionary<string, string>
        {
            ["BASE_URL"] = system.QueryUrl.ToString(),
            ["INGESTION_URL"] = system.IngestionUrl.ToString(),
            ["ADMIN_KEY"] = system.AdminKey,
            ["READ_KEY"] = system.ReadKey,
            ["CHROMIUM"] = Chromium,
            ["ARTEFACTS"] = Path.Combine(system.Artefacts, "screenshots"),
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        await RunAsync("node", [Path.Combine(DashboardBuilder.Folder, "e2e", "scenarios.mjs"), scenario], environment, TimeSpan.FromMinutes(3));
    }

    private static async Task RunAsync(string command, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(command) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = DashboardBuilder.Folder };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{command} {string.Join(' ', start.ArgumentList)} did not finish within {timeout}:\n{await output}\n{await errors}");
        }

        if (process.ExitCode != 0)
        {
            throw new Xunit.Sdk.XunitException($"{command} {string.Join(' ', start.ArgumentList)} failed ({process.ExitCode}):\n{await errors}\n{await output}");
        }
    }
}
