using System.Diagnostics;
using TokenOptimizer.Testing;

namespace TokenOptimizer.Provisioning.Tests;

/// <summary>
/// The watchdog acts when the pipe from its owner closes, which is what the kernel does when the owner
/// dies; dropping the watchdog without disarming it closes that pipe the same way.
/// </summary>
public sealed class StoppingAfterOwnerDeath
{
    [Fact]
    public async Task OwnerGoneWithoutDisposing_WatchdogStopsTrackedProcessesAndDeletesTheFolder()
    {
        // Given
        var folder = Directory.CreateTempSubdirectory("tokenoptimizer-watchdog-").FullName;
        using var server = Process.Start(new ProcessStartInfo("sleep", "300") { UseShellExecute = false })!;
        var watchdog = Watchdog.Start(Path.Combine(folder, "owned-processes"), Path.Combine(folder, "none.pid"), Signal.Kill, folder);
        watchdog.Track(server.Id, Signal.Terminate);

        // When
        watchdog.Dispose();

        // Then
        await Eventually.UntilAsync(() => server.HasExited, TimeSpan.FromSeconds(10), "the watchdog should stop the tracked process");
        await Eventually.UntilAsync(() => !Directory.Exists(folder), TimeSpan.FromSeconds(10), "the watchdog should delete the folder");
        await Eventually.UntilAsync(() => !ProcessTable.IsAlive(watchdog.ProcessId), TimeSpan.FromSeconds(5), "the watchdog should exit");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task FinishedWatchdog_LeavesProcessesAloneAndDeletesTheFolderOnlyIfAsked(bool deleteFolder)
    {
        var folder = Directory.CreateTempSubdirectory("tokenoptimizer-watchdog-").FullName;
        using var server = Process.Start(new ProcessStartInfo("sleep", "300") { UseShellExecute = false })!;
        var watchdog = Watchdog.Start(Path.Combine(folder, "owned-processes"), Path.Combine(folder, "none.pid"), Signal.Kill, folder);
        watchdog.Track(server.Id, Signal.Terminate);

        watchdog.Finish(deleteFolder);
        watchdog.Dispose();

        Assert.False(ProcessTable.IsAlive(watchdog.ProcessId));
        Assert.False(server.HasExited);
        Assert.Equal(!deleteFolder, Directory.Exists(folder));
        server.Kill();
        await server.WaitForExitAsync();
        if (!deleteFolder)
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
