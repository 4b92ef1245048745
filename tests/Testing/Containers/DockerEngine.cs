using TokenOptimizer.Provisioning;

namespace TokenOptimizer.Testing.Containers;

/// <summary>
/// The Docker engine our test containers run on, and the settings Testcontainers needs on our machines.
/// <see cref="EnsureReadyAsync"/> runs the repository's <c>tools/docker/ensure-docker.sh</c> (not a copy in the build output:
/// a stale copy would rebuild the images from an older recipe):
/// it installs and starts the engine when needed and builds our images from Debian packages when they are
/// missing, since no image registry is reachable. The first run on a machine takes about two minutes.
/// </summary>
public static class DockerEngine
{
    /// <summary>PostgreSQL 15 from Debian, run like the official image (see tools/docker/postgres).</summary>
    public const string PostgresImage = "tokenoptimizer/postgres:15";

    /// <summary>RabbitMQ 3 from Debian with its management plugin (see tools/docker/rabbitmq).</summary>
    public const string RabbitMqImage = "tokenoptimizer/rabbitmq:3";

    private static readonly OnFirstUse<string> Ready = new(RunEnsureScriptAsync);

    static DockerEngine()
    {
        // Each found by a failure here, and read by Testcontainers once, at its first use: so set before any.
        // Debian's engine (20.10) speaks API 1.41 at most, the client asks for 1.44.
        SetUnlessGiven("DOCKER_API_VERSION", "1.41");

        // Ryuk, the reaper container, cannot be pulled; ContainerReaper does its job.
        SetUnlessGiven("TESTCONTAINERS_RYUK_DISABLED", "true");

        // Our machines have a /.dockerenv, which would make Testcontainers dial the bridge's gateway instead.
        SetUnlessGiven("TESTCONTAINERS_HOST_OVERRIDE", "localhost");
    }

    /// <summary>Returns once an engine answers and our images exist; runs the script once per process and returns what it printed.</summary>
    /// <exception cref="InvalidOperationException">The script failed; the message carries its output.</exception>
    public static Task<string> EnsureReadyAsync() => Ready.GetAsync();

    private static void SetUnlessGiven(string name, string value)
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(name)))
        {
            Environment.SetEnvironmentVariable(name, value);
        }
    }

    private static async Task<string> RunEnsureScriptAsync()
    {
        try
        {
            return await DockerImages.EnsureAsync(Repository.Root(), progress: null, CancellationToken.None);
        }
        catch (ProvisioningException failed)
        {
            throw new InvalidOperationException($"No Docker engine or images for the tests. {failed.Message}", failed);
        }
    }
}
