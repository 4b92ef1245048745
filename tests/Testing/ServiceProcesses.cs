using TokenOptimizer.Provisioning.Services;

namespace TokenOptimizer.Testing;

/// <summary>
/// Our four services as processes on loopback ports, as a user runs them: started in dependency order, each told
/// where the ones started before it listen (<c>Services__name</c>), each healthy before the next starts.
/// </summary>
public sealed class ServiceProcesses : IAsyncDisposable
{
    private static readonly (string Name, string Project, string Assembly)[] InOrder =
    [
        ("ingestion", "services/Ingestion", "TokenOptimizer.Ingestion"),
        ("aggregation", "services/Aggregation", "TokenOptimizer.Aggregation"),
        ("recommendations", "services/Recommendations", "TokenOptimizer.Recommendations"),
        ("query", "services/Query", "TokenOptimizer.Query"),
    ];

    private readonly List<DotnetService> _running = [];

    public Uri UrlOf(string name) => _running.Single(s => s.Name == name).Url;

    /// <summary>Starts every service with <paramref name="environment"/>; their logs go to <paramref name="logFolder"/>.</summary>
    public static async Task<ServiceProcesses> StartAsync(IReadOnlyDictionary<string, string> environment, string logFolder)
    {
        var processes = new ServiceProcesses();
        var settings = new Dictionary<string, string>(environment);
        try
        {
            foreach (var (name, project, assembly) in InOrder)
            {
                var service = DotnetService.Start(name, DotnetService.LocateAssembly(project, assembly), settings, Path.Combine(logFolder, name + ".log"));
                processes._running.Add(service);
                await service.WaitHealthyAsync(TimeSpan.FromSeconds(90), CancellationToken.None);
                settings["Services__" + name] = service.Url.ToString();
            }
        }
        catch
        {
            await processes.DisposeAsync();
            throw;
        }

        return processes;
    }

    /// <summary>Stops them in reverse order.</summary>
    public async ValueTask DisposeAsync()
    {
        for (var i = _running.Count - 1; i >= 0; i--)
        {
            await _running[i].DisposeAsync();
        }

        _running.Clear();
    }
}
