using System.Diagnostics;
using TokenOptimizer.SystemTests.Running;
using TokenOptimizer.Testing;

namespace TokenOptimizer.SystemTests.UsingTheDashboard;

/// <summary>
/// Runs one end-to-end scenario of <c>dashboard/e2e/scenarios.mjs</c>: playwright-core driving Debian's Chromium
/// (headless) against the running system. The scenario exits non-zero with its reason on stderr when a check fails.
/// </summary>
public static class BrowserScenario
{
    public const string Chromium = "/usr/bin/chromium";

    private static readonly OnFirstUse<bool> ChromiumInstalled = new(InstallChromiumAsync);

    /// <summary>The dashboard's folder, whose packages (playwright-core among them) the app host's dashboard build installed.</summary>
    private static string DashboardFolder => Path.Combine(Repository.Root(), "dashboard");

    public static async Task RunAsync(SharedSystem system, string scenario, IReadOnlyDictionary<string, string>? extra = null)
    {
        await ChromiumInstalled.GetAsync();
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

        await RunAsync("node", [Path.Combine(DashboardFolder, "e2e", "scenarios.mjs"), scenario], environment, TimeSpan.FromMinutes(3));
    }

    // As root, with apt, when it is missing (.ci/run installs it before the tests).
    private static async Task<bool> InstallChromiumAsync()
    {
        if (!File.Exists(Chromium))
        {
            await RunAsync("apt-get", ["-o", "DPkg::Lock::Timeout=600", "install", "-y", "--no-install-recommends", "chromium"],
                new Dictionary<string, string> { ["DEBIAN_FRONTEND"] = "noninteractive" }, TimeSpan.FromMinutes(10));
        }

        return true;
    }

    private static async Task RunAsync(string command, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(command) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = DashboardFolder };
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
