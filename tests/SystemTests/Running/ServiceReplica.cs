using System.Diagnostics;
using System.Globalization;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;

namespace TokenOptimizer.SystemTests.Running;

/// <summary>
/// One running replica of a service in the app host, as Aspire's resource snapshot shows it: the process Aspire started
/// (<c>executable.pid</c>: <c>dotnet run</c>, whose child is the service) and the replica's own address (its
/// <c>ASPNETCORE_URLS</c>; the resource's URL is the proxy in front of every replica).
/// </summary>
public sealed record ServiceReplica(string ResourceId, int LauncherProcessId, Uri Url)
{
    /// <summary>Waits until <paramref name="count"/> replicas of <paramref name="service"/> run.</summary>
    public static async Task<IReadOnlyList<ServiceReplica>> RunningAsync(DistributedApplication app, string service, int count, TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        var running = new Dictionary<string, ServiceReplica>();
        await foreach (var update in app.ResourceNotifications.WatchAsync(cancellation.Token))
        {
            var snapshot = update.Snapshot;
            if (update.Resource.Name == service
                && snapshot.State?.Text == KnownResourceStates.Running
                && snapshot.Properties.FirstOrDefault(p => p.Name == "executable.pid")?.Value is { } pid
                && snapshot.EnvironmentVariables.FirstOrDefault(e => e.Name == "ASPNETCORE_URLS")?.Value is { Length: > 0 } urls)
            {
                running[update.ResourceId] = new ServiceReplica(update.ResourceId, Convert.ToInt32(pid, CultureInfo.InvariantCulture), new Uri(urls.Split(';')[0]));
                if (running.Count == count)
                {
                    return [.. running.Values];
                }
            }
        }

        throw new TimeoutException($"{count} replicas of {service} should run");
    }

    /// <summary>Kills the service's process as <c>kill -9</c> does (no drain, no flush) and waits until it is gone.</summary>
    public async Task KillAsync()
    {
        using var service = Process.GetProcessById(ServiceProcessId());
        service.Kill(); // SIGKILL on Linux
        await service.WaitForExitAsync();
    }

    // The launcher's one child: killing the launcher alone would leave the service running, orphaned.
    private int ServiceProcessId() =>
        Directory.EnumerateDirectories("/proc")
            .Select(folder => int.TryParse(Path.GetFileName(folder), out var pid) ? pid : 0)
            .Single(pid => pid > 0 && ParentOf(pid) == LauncherProcessId);

    private static int ParentOf(int pid)
    {
        try
        {
            // /proc/PID/stat: "pid (name) state ppid …"; the name may hold spaces, so read after its closing parenthesis.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return 0; // gone meanwhile
        }
    }
}
