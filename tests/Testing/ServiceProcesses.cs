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
    private readonly Dictionary<string, (string Assembly, Dictionary<string, string> Settings, string LogFile)> _started = [];

    public Uri UrlOf(string name) => _running.Single(s => s.Name == name).Url;

    /// <summary>Kills a service as <c>kill -9</c> does: no drain, no flush.</summary>
    public Task KillAsync(string name) => _running.Single(s => s.Name == name).KillAsync();

    /// <summary>Starts a killed service again on the same address with the same settings, and waits until it is healthy.</summary>
    public async Task RestartAsync(string name)
    {
        var old = _running.Single(s => s.Name == name);
        var (assembly, settings, logFile) = _started[name];
        var service = DotnetService.Start(name, assembly, settings, logFile, old.Url);
        _running[_running.IndexOf(old)] = service;
        await old.DisposeAsync();
        await service.WaitHealthyAsync(TimeSpan.FromSeconds(90), CancellationToken.None);
    }

    /// <summary>
    /// Starts one more instance of a running service, named <paramref name="instance"/>, with the same settings on an
    /// address of its own (the first keeps its name and stays the one other services are told of); waits until it is healthy.
    /// </summary>
    public async Task StartAnotherAsync(string name, string instance)
    {
        var (assembly, settings, logFile) = _started[name];
        var instanceLog = Path.Combine(Path.GetDirectoryName(logFile)!, instance + ".log");
        _started[instance] = (assembly, settings, instanceLog);
        var service = DotnetService.Start(instance, assembly, settings, instanceLog);
        _running.Add(service);
        await service.WaitHealthyAsync(TimeSpan.FromSeconds(90), CancellationToken.None);
    }

    /// <summary>Starts every service with <paramref name="environment"/>; their logs go to <paramref name="logFolder"/>.</summary>
    public static async Task<ServiceProcesses> StartAsync(IReadOnlyDictionary<string, string> environment, string logFolder)
    {
        var processes = new ServiceProcesses();
        var settings = new Dictionary<string, string>(environment);
        try
        {
            foreach (var (name, project, assembly) in InOrder)
            {
                var located = DotnetService.LocateAssembly(project, assembly);
                var logFile = Path.Combine(logFolder, name + ".log");
                processes._started[name] = (located, new Dictionary<string, string>(settings), logFile);
                var service = DotnetService.Start(name, located, settings, logFile);
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
