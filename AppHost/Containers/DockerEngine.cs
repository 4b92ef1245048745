using System.Diagnostics;
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
            var (exitCode, _) = await RunAsync("docker", ["info"], TimeSpan.FromSeconds(5));
            return exitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false; // no docker command
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

    private static async Task<(int ExitCode, string Output)> RunAsync(string command, string[] arguments, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(command, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        // Debian's engine speaks API 1.41 at most; newer clients ask for more unless told.
        start.Environment["DOCKER_API_VERSION"] = Environment.GetEnvironmentVariable("DOCKER_API_VERSION") ?? "1.41";
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
            return (-1, $"{command} did not answer within {timeout.TotalSeconds:0} s");
        }

        return (process.ExitCode, await output + await errors);
    }
}
