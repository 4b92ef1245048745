using System.Runtime.ExceptionServices;
using System.Runtime.Versioning;

namespace TokenOptimizer.Provisioning;

/// <summary>
/// The servers a <see cref="LocalInfrastructure"/> started itself, with the watchdog guarding them and
/// the lock on their data folder: starting them together, and stopping them in the right order.
/// </summary>
internal sealed class OwnedServers
{
    private readonly InstanceFolder _folder;
    private readonly bool _deleteFolder;
    private readonly Action<string> _progress;
    private readonly CancellationTokenSource _stopping = new();
    private Task _starting = Task.CompletedTask;
    private FileStream? _folderLock;
    private Watchdog? _watchdog;

    public OwnedServers(InstanceFolder folder, bool deleteFolder, Action<string> progress)
    {
        _folder = folder;
        _deleteFolder = deleteFolder;
        _progress = progress;
    }

    public string FolderPath => _folder.Path;

    public PostgresServer? Postgres { get; private set; }

    public RabbitMqServer? RabbitMq { get; private set; }

    public IReadOnlyList<int> ProcessIds =>
    [
        .. Postgres?.ProcessIds ?? [],
        .. RabbitMq?.ProcessIds ?? [],
        .. _watchdog is null ? Array.Empty<int>() : [_watchdog.ProcessId],
    ];

    /// <summary>
    /// Creates the servers (so their connection strings are known) and starts them at once; the first
    /// failure cancels the other start and is the one reported. On failure, call <see cref="Stop"/>.
    /// </summary>
    [SupportedOSPlatform("linux")]
    public Task StartAsync(bool startPostgres, bool startRabbitMq, TimeSpan timeout, CancellationToken ct) =>
        _starting = StartCoreAsync(startPostgres, startRabbitMq, timeout, ct);

    [SupportedOSPlatform("linux")]
    private async Task StartCoreAsync(bool startPostgres, bool startRabbitMq, TimeSpan timeout, CancellationToken ct)
    {
        _folderLock = LockFolder();
        var rabbitMqFolder = _folder.Combine("rabbitmq");
        var beamPidFile = Path.Combine(rabbitMqFolder, "rabbit.pid");
        var trackingFile = _folder.Combine("owned-processes");

        // Left by an earlier run of a kept folder: those pids may belong to other processes by now.
        foreach (var stale in new[] { trackingFile, beamPidFile }.Where(File.Exists))
        {
            File.Delete(stale);
        }

        _watchdog = Watchdog.Start(trackingFile, beamPidFile, RabbitMqServer.BeamStopSignal, _deleteFolder ? _folder.Path : null);
        var secrets = new StoredSecrets(_folder.Combine("secrets"));
        var ports = FreePorts.Take(4);
        if (startPostgres)
        {
            Postgres = new PostgresServer(
                _folder.Combine("postgres"), InstalledServers.FindPostgresBin()!, ports[0], secrets.GetOrCreate("postgres-password"));
        }

        if (startRabbitMq)
        {
            var plugins = RabbitMqCorePlugins.Prepare(InstalledServers.FindRabbitMqPlugins()!, Path.Combine(rabbitMqFolder, "plugins"));
            var node = new RabbitMqNode(rabbitMqFolder, ports[1], ports[2], ports[3], secrets.GetOrCreate("rabbitmq-password"), plugins);
            RabbitMq = new RabbitMqServer(node, InstalledServers.FindRabbitMqBin()!, InstalledServers.FindEpmd()!);
        }

        using var failFast = CancellationTokenSource.CreateLinkedTokenSource(ct, _stopping.Token);
        async Task StartOrCancelOthers(Func<Watchdog, TimeSpan, Action<string>, CancellationToken, Task> start)
        {
            try
            {
                await start(_watchdog, timeout, _progress, failFast.Token);
            }
            catch
            {
                await failFast.CancelAsync();
                throw;
            }
        }

        var starts = new List<Task>();
        if (Postgres is not null)
        {
            starts.Add(StartOrCancelOthers(Postgres.StartAsync));
        }

        if (RabbitMq is not null)
        {
            starts.Add(StartOrCancelOthers(RabbitMq.StartAsync));
        }

        var all = Task.WhenAll(starts);
        try
        {
            await all;
        }
        catch when (all.Exception is { } failure)
        {
            ExceptionDispatchInfo.Throw(failure.InnerExceptions.FirstOrDefault(e => e is not OperationCanceledException) ?? failure.InnerExceptions[0]);
        }
    }

    /// <summary>Stops PostgreSQL as an administrator's fast shutdown does (sessions end with 57P01), keeping its data and port.</summary>
    public void StopPostgres() => StopOne(Postgres ?? throw NotOwned("PostgreSQL"), p => p.ProcessIds, p => p.BeginStop(Signal.Interrupt), p => p.WaitForStop(TimeSpan.FromSeconds(60)));

    /// <summary>Stops RabbitMQ gracefully, keeping its data (durable queues and their messages) and ports.</summary>
    public void StopRabbitMq() => StopOne(RabbitMq ?? throw NotOwned("RabbitMQ"), r => r.ProcessIds, r => r.BeginStop(Signal.Terminate), r => r.WaitForStop(TimeSpan.FromSeconds(60)));

    /// <summary>Starts a stopped PostgreSQL again, on the same port and data.</summary>
    [SupportedOSPlatform("linux")]
    public Task StartPostgresAsync(TimeSpan timeout, CancellationToken ct) =>
        (Postgres ?? throw NotOwned("PostgreSQL")).StartAsync(_watchdog!, timeout, _progress, ct);

    /// <summary>Starts a stopped RabbitMQ again, on the same ports and data.</summary>
    [SupportedOSPlatform("linux")]
    public Task StartRabbitMqAsync(TimeSpan timeout, CancellationToken ct) =>
        (RabbitMq ?? throw NotOwned("RabbitMQ")).StartAsync(_watchdog!, timeout, _progress, ct);

    /// <summary>Stops the servers, then lets the watchdog delete the folder (or just leave). Synchronous: ProcessExit needs that.</summary>
    public void Stop()
    {
        // A ProcessExit (Ctrl+C) can arrive mid-start: end the start first, or it could launch a server after we stopped.
        _stopping.Cancel();
        ((IAsyncResult)_starting).AsyncWaitHandle.WaitOne(TimeSpan.FromSeconds(30));

        // Backends and Erlang port programs end with their parent; note them to be sure they did.
        var helpers = ProcessTable.Descendants([.. Postgres?.ProcessIds ?? [], .. RabbitMq?.ProcessIds ?? []]);
        RabbitMq?.BeginStop();
        Postgres?.BeginStop();
        var patience = TimeSpan.FromSeconds(60);
        RabbitMq?.WaitForStop(patience);
        Postgres?.WaitForStop(patience);
        if (!ProcessTable.WaitUntilGone(helpers, TimeSpan.FromSeconds(5)))
        {
            foreach (var pid in helpers)
            {
                ProcessTable.Send(pid, Signal.Kill);
            }
        }

        _watchdog?.Finish(deleteFolder: _deleteFolder);
        _watchdog?.Dispose();
        RabbitMq?.Dispose();
        Postgres?.Dispose();
        _stopping.Dispose();

        // Only when the watchdog could not do it (it failed to start, or is stuck), and never a folder
        // we could not lock: that one belongs to another running instance.
        if (_deleteFolder && _folderLock is not null && Directory.Exists(_folder.Path))
        {
            Directory.Delete(_folder.Path, recursive: true);
        }

        _folderLock?.Dispose();
    }

    private void StopOne<TServer>(TServer server, Func<TServer, IEnumerable<int>> pids, Action<TServer> beginStop, Func<TServer, bool> waitForStop)
    {
        var stopped = pids(server).ToList();
        var helpers = ProcessTable.Descendants(stopped);
        beginStop(server);
        if (!waitForStop(server) || !ProcessTable.WaitUntilGone(helpers, TimeSpan.FromSeconds(10)))
        {
            throw new ProvisioningException("A server did not stop within a minute.");
        }

        _watchdog?.Untrack(stopped);
    }

    private static ProvisioningException NotOwned(string server) =>
        new($"{server} was given by connection string, not started by this instance: it cannot be stopped or started here.");

    private FileStream LockFolder()
    {
        try
        {
            // FileShare.None takes an advisory lock: a second instance on the same folder fails here
            // instead of trampling the first one's pid files.
            return new FileStream(_folder.Combine(".lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e)
        {
            throw new ProvisioningException($"The data folder {_folder.Path} is in use by another running instance.", e);
        }
    }
}
