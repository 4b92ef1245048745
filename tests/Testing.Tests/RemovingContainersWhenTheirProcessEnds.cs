using System.Diagnostics;
using System.Globalization;
using TokenOptimizer.Testing.Containers;

namespace TokenOptimizer.Testing.Tests;

/// <summary>
/// Without Ryuk, a test process's containers must still go when it ends, however it ends: vstest kills a test host
/// ~100 ms after its last test. The process here is this assembly run on its own (see <see cref="Program"/>).
/// </summary>
public sealed class RemovingContainersWhenTheirProcessEnds
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task KilledProcess_LeavesNoContainer()
    {
        using var owner = await StartOwnerAsync(returnAtOnce: false);
        var pid = owner.Id.ToString(CultureInfo.InvariantCulture);
        Assert.Single(await DockerContainers.OwnedByAsync(pid));
        Assert.Single(FoldersOf(pid));

        owner.Kill();

        await Eventually.UntilAsync(async () => (await DockerContainers.OwnedByAsync(pid)).Count == 0, Patience, "the killed process's container should be removed");
        await Eventually.UntilAsync(() => FoldersOf(pid).Length == 0, Patience, "the folder it shared with its container should be deleted");
    }

    [Fact]
    public async Task ProcessReturningWithoutDisposing_LeavesNoContainer()
    {
        using var owner = await StartOwnerAsync(returnAtOnce: true);
        var pid = owner.Id.ToString(CultureInfo.InvariantCulture);
        await owner.WaitForExitAsync();

        await Eventually.UntilAsync(async () => (await DockerContainers.OwnedByAsync(pid)).Count == 0, Patience, "the ended process's container should be removed");
    }

    private static string[] FoldersOf(string pid) => Directory.GetDirectories(Path.GetTempPath(), $"tokenoptimizer-containers-{pid}-*");

    // Returns once the process has its PostgreSQL container running.
    private static async Task<Process> StartOwnerAsync(bool returnAtOnce)
    {
        await DockerEngine.EnsureReadyAsync(); // a first build of the images happens here, not in the owner
        var start = new ProcessStartInfo("dotnet", [typeof(Program).Assembly.Location])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(returnAtOnce ? "--return" : "--wait");
        start.Environment.Remove("ConnectionStrings__postgres");
        var owner = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        string? line;
        do
        {
            line = await owner.StandardOutput.ReadLineAsync(timeout.Token); // Testcontainers logs to the console too
        }
        while (line is not null and not "ready");

        Assert.Equal("ready", line);
        return owner;
    }
}
