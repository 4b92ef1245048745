namespace TokenOptimizer.Provisioning;

/// <summary>
/// <c>tools/docker/ensure-docker.sh</c>, the one way to a Docker engine and the images our containers run (built from
/// Debian's packages: no image registry is reachable from our machines): used by the app host's containers mode and by the
/// test fixtures. The first run on a machine takes minutes; after that, a fraction of a second.
/// </summary>
public static class DockerImages
{
    /// <summary>Runs the script of the checkout at <paramref name="repositoryRoot"/> (not a copy: a stale copy builds from an older recipe); returns what it printed.</summary>
    /// <param name="repositoryRoot">The folder holding <c>tools/docker</c>.</param>
    /// <param name="progress">Receives the script's lines as they come.</param>
    /// <param name="ct">Stops waiting for it.</param>
    /// <exception cref="ProvisioningException">No engine could be had, or an image could not be built; the message ends with the script's last lines.</exception>
    public static async Task<string> EnsureAsync(string repositoryRoot, Action<string>? progress, CancellationToken ct)
    {
        var result = await CommandRunner.RunAsync("bash", [Path.Combine(repositoryRoot, "tools", "docker", "ensure-docker.sh")], null, progress, ct);
        result.ThrowIfFailed("readying a Docker engine and the images (tools/docker/ensure-docker.sh)");
        return string.Join('\n', result.Output);
    }
}
