using System.Diagnostics;
using TokenOptimizer.Testing.Containers;

namespace TokenOptimizer.Testing.Tests;

/// <summary>What the Docker engine says about our containers.</summary>
internal static class DockerContainers
{
    /// <summary>The ids of every container, running or not, that process <paramref name="owner"/> started.</summary>
    public static async Task<IReadOnlyList<string>> OwnedByAsync(string owner)
    {
        var start = new ProcessStartInfo("docker", ["ps", "-aq", "--filter", $"label={ContainerReaper.OwnerLabel}={owner}"]) { RedirectStandardOutput = true };
        using var docker = Process.Start(start)!;
        var output = await docker.StandardOutput.ReadToEndAsync();
        await docker.WaitForExitAsync();
        Assert.Equal(0, docker.ExitCode);
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }
}
