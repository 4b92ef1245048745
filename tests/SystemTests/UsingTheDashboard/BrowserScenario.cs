using TokenOptimizer.Provisioning;
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

    private static async Task RunAsync(string command, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment, TimeSpan timeout)
    {
        var result = await CommandRunner.RunAsync(command, arguments, environment, timeout, DashboardFolder);
        if (!result.Succeeded)
        {
            throw new Xunit.Sdk.XunitException($"{result.CommandLine} failed ({result.ExitCode}):\n{result.Text}");
        }
    }
}
