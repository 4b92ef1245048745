using System.Diagnostics;
using TokenOptimizer.SystemTests.Running;
using TokenOptimizer.Testing;

namespace TokenOptimizer.SystemTests.RunningTheAppHost;

/// <summary>
/// What a run of the app host started: its processes (found by the run's admin key in their environment, its data folder on
/// their command line, or RabbitMQ's epmd by its port) and its containers; and whether any is left once it stopped.
/// </summary>
internal sealed record LeftBehind(IReadOnlyList<string> Markers, IReadOnlyList<int> Processes, IReadOnlyList<string> Containers)
{
    /// <summary>What the run has started, while it runs.</summary>
    public static LeftBehind StartedBy(AppHostRun run)
    {
        var containers = new List<string>();
        foreach (var resource in (string[])["postgres-server", "rabbitmq"])
        {
            if (run.App.ResourceNotifications.TryGetCurrentState(resource, out var state)
                && state.Snapshot.Properties.FirstOrDefault(p => p.Name == "container.id")?.Value is string id)
            {
                containers.Add(id);
            }
        }

        // rabbitmq.sh FOLDER AMQP_PORT DISTRIBUTION_PORT EPMD_PORT PLUGINS starts "epmd -port EPMD_PORT …", which holds neither.
        var script = ProcessTable.Holding("rabbitmq.sh\0" + run.DataFolder).Select(ProcessTable.Arguments).FirstOrDefault(a => a.Length > 5);
        List<string> markers = [run.AdminKey, run.DataFolder, .. script is null ? Array.Empty<string>() : [$"epmd\0-port\0{script[^2]}\0"]];
        return new LeftBehind(markers, [.. markers.SelectMany(ProcessTable.Holding)], containers);
    }

    /// <summary>Waits until none of the processes and containers are left; fails naming those that are.</summary>
    public async Task AssertAllGoneAsync()
    {
        var remaining = new List<string>();
        try
        {
            await Eventually.UntilAsync(async () =>
            {
                remaining = ProcessTable.Describe(Processes.Concat(Markers.SelectMany(ProcessTable.Holding)).Distinct().Where(Runs))
                    .Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
                foreach (var container in Containers)
                {
                    if (await ExistsAsync(container))
                    {
                        remaining.Add("container " + container);
                    }
                }

                return remaining.Count == 0;
            }, TimeSpan.FromSeconds(60), "the app host stops every process and container it started");
        }
        catch (TimeoutException timeout)
        {
            throw new Xunit.Sdk.XunitException($"{timeout.Message} Left:\n{string.Join('\n', remaining)}");
        }
    }

    // A zombie has ended; only its parent has yet to read its exit code.
    private static bool Runs(int pid)
    {
        try
        {
            return !File.ReadAllText($"/proc/{pid}/stat").Contains(") Z ", StringComparison.Ordinal);
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static async Task<bool> ExistsAsync(string container)
    {
        using var docker = Process.Start(new ProcessStartInfo("docker", ["inspect", "--format", "{{.Id}}", container]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        await docker.WaitForExitAsync();
        return docker.ExitCode == 0;
    }
}
