using System.Runtime.ExceptionServices;
using System.Runtime.Versioning;
using System.Text.RegularExpressions;

namespace TokenOptimizer.Provisioning;

/// <summary>
/// PostgreSQL and RabbitMQ for local runs and tests: private instances of the machine's Debian packages
/// on free loopback ports in a data folder of their own, or existing servers given by connection string.
/// Our stand-in for Aspire's resources and for Testcontainers.
/// </summary>
/// <remarks>
/// Dispose to stop the servers. If the process exits without disposing, a ProcessExit handler stops
/// them; if it dies outright (SIGKILL), a watchdog process does, within a second, and deletes a
/// throw-away data folder.
/// </remarks>
public sealed partial class LocalInfrastructure : IAsyncDisposable
{
    private readonly InstanceFolder? _folder;
    private readonly bool _deleteFolder;
    private readonly bool _durable;
    private readonly Action<string> _progress;
    private readonly RabbitMqManagementApi? _managementApi;
    private FileStream? _folderLock;
    private Watchdog? _watchdog;
    private PostgresServer? _postgres;
    private RabbitMqServer? _rabbitMq;
    private int _stopped;

    private LocalInfrastructure(LocalInfrastructureOptions options, InstanceFolder? folder)
    {
        _folder = folder;
        _durable = options.Durable;
        _deleteFolder = folder is not null && (options.DeleteDataFolderOnDispose ?? folder.IsTemporary);
        _progress = options.Progress ?? (_ => { });
        PostgresConnectionString = options.PostgresConnectionString ?? "";
        RabbitMqConnectionString = options.RabbitMqConnectionString ?? "";
        if (options.RabbitMqConnectionString is { } external)
        {
            RabbitMq = RabbitMqEndpoint.Parse(external);
            _managementApi = new RabbitMqManagementApi(RabbitMq, options.RabbitMqManagementUri ?? RabbitMqManagementApi.DefaultBaseAddress(RabbitMq));
        }
        else
        {
            RabbitMq = new RabbitMqEndpoint("127.0.0.1", 0, "", "");
        }
    }

    /// <summary>Npgsql connection string for the server's <c>postgres</c> database, as its superuser.</summary>
    public string PostgresConnectionString { get; private set; }

    /// <summary>AMQP URI of the broker's default virtual host (<c>amqp://user:pass@127.0.0.1:PORT/</c>).</summary>
    public string RabbitMqConnectionString { get; private set; }

    /// <summary>The broker's default virtual host as host, port and credentials.</summary>
    public RabbitMqEndpoint RabbitMq { get; private set; }

    /// <summary>The broker's host.</summary>
    public string RabbitMqHost => RabbitMq.Host;

    /// <summary>The broker's AMQP port.</summary>
    public int RabbitMqPort => RabbitMq.Port;

    /// <summary>The broker user (an administrator of every virtual host we create).</summary>
    public string RabbitMqUserName => RabbitMq.UserName;

    /// <summary>That user's password.</summary>
    public string RabbitMqPassword => RabbitMq.Password;

    /// <summary>The data folder, or null when both servers were given by connection string.</summary>
    public string? DataFolder => _folder?.Path;

    /// <summary>True when this instance started PostgreSQL (rather than using a given server).</summary>
    public bool OwnsPostgres => _postgres is not null;

    /// <summary>True when this instance started RabbitMQ (rather than using a given broker).</summary>
    public bool OwnsRabbitMq => _rabbitMq is not null;

    /// <summary>
    /// The operating-system processes this instance started and stops: the PostgreSQL postmaster, epmd,
    /// the rabbitmq-server script and its Erlang VM, and the watchdog.
    /// </summary>
    public IReadOnlyList<int> ProcessIds =>
    [
        .. _postgres?.ProcessIds ?? [],
        .. _rabbitMq?.ProcessIds ?? [],
        .. _watchdog is null ? Array.Empty<int>() : [_watchdog.ProcessId],
    ];

    /// <summary>
    /// Provides PostgreSQL and RabbitMQ: uses the servers given in <paramref name="options"/>, and starts
    /// private instances of the others, installing their Debian packages first when missing (as root) and
    /// returning once both accept connections.
    /// </summary>
    /// <exception cref="ProvisioningException">A package is missing and we are not root (the message says
    /// which command to run), or a server failed to start (the message ends with its log).</exception>
    public static async Task<LocalInfrastructure> StartAsync(LocalInfrastructureOptions options, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var startPostgres = options.PostgresConnectionString is null;
        var startRabbitMq = options.RabbitMqConnectionString is null;
        if (!startPostgres && !startRabbitMq)
        {
            return new LocalInfrastructure(options, folder: null);
        }

        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException(
                "Starting PostgreSQL and RabbitMQ needs Linux with Debian packages; elsewhere set ConnectionStrings__postgres and ConnectionStrings__rabbitmq.");
        }

        var progress = options.Progress ?? (_ => { });
        await DebianPackages.EnsureInstalledAsync(startPostgres, startRabbitMq, progress, ct);
        var infrastructure = new LocalInfrastructure(options, InstanceFolder.Prepare(options.DataFolder));
        ProcessExitCleanup.Register(infrastructure);
        try
        {
            await infrastructure.StartServersAsync(startPostgres, startRabbitMq, options.StartupTimeout, ct);
            return infrastructure;
        }
        catch
        {
            infrastructure.Stop();
            throw;
        }
    }

    /// <summary>Creates an empty database and returns the connection string for it.</summary>
    /// <param name="name">1 to 63 letters, digits, <c>_</c> or <c>-</c>; unique on the server.</param>
    /// <param name="ct">Cancels the request.</param>
    public Task<string> CreateDatabaseAsync(string name, CancellationToken ct = default) =>
        PostgresAdministration.CreateDatabaseAsync(PostgresConnectionString, name, ct);

    /// <summary>Drops a database, ending any connection to it.</summary>
    /// <param name="name">The database's name.</param>
    /// <param name="ct">Cancels the request.</param>
    public Task DropDatabaseAsync(string name, CancellationToken ct = default) =>
        PostgresAdministration.DropDatabaseAsync(PostgresConnectionString, name, ct);

    /// <summary>
    /// Creates a virtual host on which our user may do everything, and returns the AMQP URI for it. Our
    /// own broker is administered with rabbitmqctl (about a second per call); a given one through its
    /// management API.
    /// </summary>
    /// <param name="name">1 to 100 letters, digits, <c>_</c>, <c>.</c> or <c>-</c>, not starting with a punctuation mark.</param>
    /// <param name="ct">Cancels the request.</param>
    public async Task<string> CreateVirtualHostAsync(string name, CancellationToken ct = default)
    {
        EnsureValidVirtualHostName(name);
        if (_rabbitMq is not null)
        {
            await _rabbitMq.CreateVirtualHostAsync(name, ct);
        }
        else
        {
            await _managementApi!.CreateVirtualHostAsync(name, ct);
        }

        return RabbitMq.WithVirtualHost(name).ConnectionString;
    }

    /// <summary>Deletes a virtual host with its queues and exchanges.</summary>
    /// <param name="name">The virtual host's name.</param>
    /// <param name="ct">Cancels the request.</param>
    public Task DeleteVirtualHostAsync(string name, CancellationToken ct = default)
    {
        EnsureValidVirtualHostName(name);
        return _rabbitMq is not null
            ? _rabbitMq.DeleteVirtualHostAsync(name, ct)
            : _managementApi!.DeleteVirtualHostAsync(name, ct);
    }

    /// <summary>Stops the servers this instance started and, if so configured, deletes the data folder.</summary>
    public async ValueTask DisposeAsync() => await Task.Run(Stop);

    /// <summary>Stops everything; safe to call more than once and from a ProcessExit handler.</summary>
    internal void Stop()
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
        {
            return;
        }

        ProcessExitCleanup.Unregister(this);

        // Backends and Erlang port programs end with their parent; note them to be sure they did.
        var helpers = ProcessTable.Descendants([.. _postgres?.ProcessIds ?? [], .. _rabbitMq?.ProcessIds ?? []]);
        _rabbitMq?.BeginStop();
        _postgres?.BeginStop();
        var patience = _durable ? TimeSpan.FromSeconds(60) : TimeSpan.FromSeconds(10);
        _rabbitMq?.WaitForStop(patience);
        _postgres?.WaitForStop(patience);
        if (!ProcessTable.WaitUntilGone(helpers, TimeSpan.FromSeconds(5)))
        {
            foreach (var pid in helpers)
            {
                ProcessTable.Send(pid, Signal.Kill);
            }
        }

        _watchdog?.Finish(deleteFolder: _deleteFolder);
        _watchdog?.Dispose();
        _rabbitMq?.Dispose();
        _postgres?.Dispose();
        _folderLock?.Dispose();
        if (_deleteFolder && _folder is not null && Directory.Exists(_folder.Path))
        {
            // Only when the watchdog could not do it (it failed to start, or is stuck).
            Directory.Delete(_folder.Path, recursive: true);
        }
    }

    [SupportedOSPlatform("linux")]
    private async Task StartServersAsync(bool startPostgres, bool startRabbitMq, TimeSpan timeout, CancellationToken ct)
    {
        var folder = _folder!;
        _folderLock = LockFolder(folder);
        var rabbitMqFolder = folder.Combine("rabbitmq");
        var trackingFile = folder.Combine("owned-processes");

        // Left by an earlier run of a kept folder: those pids may belong to other processes by now.
        foreach (var stale in new[] { trackingFile, Path.Combine(rabbitMqFolder, "rabbit.pid") }.Where(File.Exists))
        {
            File.Delete(stale);
        }

        _watchdog = Watchdog.Start(
            trackingFile,
            Path.Combine(rabbitMqFolder, "rabbit.pid"),
            _durable ? Signal.Terminate : Signal.Kill,
            _deleteFolder ? folder.Path : null);

        var secrets = new StoredSecrets(folder.Combine("secrets"));
        var ports = FreePorts.Take(4);
        if (startPostgres)
        {
            _postgres = new PostgresServer(
                folder.Combine("postgres"), InstalledServers.FindPostgresBin()!, ports[0], _durable, secrets.GetOrCreate("postgres-password"));
            PostgresConnectionString = _postgres.ConnectionString;
        }

        if (startRabbitMq)
        {
            var plugins = RabbitMqCorePlugins.Prepare(InstalledServers.FindRabbitMqPlugins()!, Path.Combine(rabbitMqFolder, "plugins"));
            var node = new RabbitMqNode(rabbitMqFolder, ports[1], ports[2], ports[3], secrets.GetOrCreate("rabbitmq-password"), plugins);
            _rabbitMq = new RabbitMqServer(node, InstalledServers.FindRabbitMqBin()!, InstalledServers.FindEpmd()!, _durable);
            RabbitMq = _rabbitMq.Endpoint;
            RabbitMqConnectionString = RabbitMq.ConnectionString;
        }

        // Both start at once; the first failure cancels the other, and is the one reported.
        using var failFast = CancellationTokenSource.CreateLinkedTokenSource(ct);
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
        if (_postgres is not null)
        {
            starts.Add(StartOrCancelOthers(_postgres.StartAsync));
        }

        if (_rabbitMq is not null)
        {
            starts.Add(StartOrCancelOthers(_rabbitMq.StartAsync));
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

    private static FileStream LockFolder(InstanceFolder folder)
    {
        try
        {
            // FileShare.None takes an advisory lock: a second instance on the same folder fails here
            // instead of trampling the first one's pid files.
            return new FileStream(folder.Combine(".lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e)
        {
            throw new ProvisioningException($"The data folder {folder.Path} is in use by another running instance.", e);
        }
    }

    private static void EnsureValidVirtualHostName(string name)
    {
        if (!VirtualHostName().IsMatch(name))
        {
            throw new ArgumentException(
                $"'{name}' is not a usable virtual host name: use 1 to 100 letters, digits, '_', '.' or '-', starting with a letter or digit.",
                nameof(name));
        }
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$")]
    private static partial Regex VirtualHostName();
}
