using TokenOptimizer.Provisioning;

namespace TokenOptimizer.AppHost.Containers;

/// <summary>
/// Whether the containers mode can work: a container resource waits silently forever when no Docker engine answers, so
/// the app host asks first, and says what is wrong instead of hanging.
/// </summary>
internal static class DockerEngine
{
    /// <summary>Whether <c>docker info</c> answers within a few seconds.</summary>
    public static async Task<bool> AnswersAsync()
    {
        try
        {
            // Debian's engine speaks API 1.41 at most; newer clients ask for more unless told.
            var environment = new Dictionary<string, string> { ["DOCKER_API_VERSION"] = Environment.GetEnvironmentVariable("DOCKER_API_VERSION") ?? "1.41" };
            return (await CommandRunner.RunAsync("docker", ["info"], environment, TimeSpan.FromSeconds(5))).Succeeded;
        }
        catch (Exception notThere) when (notThere is ProvisioningException or TimeoutException)
        {
            return false; // no docker command, or no engine answering
        }
    }

    /// <summary>
    /// Runs <c>tools/docker/ensure-docker.sh</c> (<see cref="DockerImages"/>), which starts the engine when it can (as root)
    /// and builds our images when they are missing, and returns null; otherwise returns what went wrong.
    /// </summary>
    public static async Task<string?> EnsureReadyAsync(string repositoryRoot, Action<string> progress)
    {
        progress("checking the Docker engine and the images (tools/docker/ensure-docker.sh; the first build takes minutes)");
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(15));
        try
        {
            await DockerImages.EnsureAsync(repositoryRoot, progress: null, deadline.Token);
            return null;
        }
        catch (ProvisioningException failed)
        {
            return failed.Message;
        }
        catch (OperationCanceledException)
        {
            return "tools/docker/ensure-docker.sh did not finish within 15 minutes.";
        }
    }
}
