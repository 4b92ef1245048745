namespace TokenOptimizer.Provisioning;

/// <summary>
/// PostgreSQL and RabbitMQ for the AppHost's local-processes mode and the benchmarks: private instances of the
/// machine's Debian packages on free loopback ports in a data folder of their own, or existing servers given by
/// connection string. (Tests run them in containers: tests/Testing.)
/// </summary>
/// <remarks>
/// Dispose to stop the servers (the AppHost: after the services that use them). If the process exits
/// normally without disposing, a ProcessExit handler stops them. If it dies — SIGKILL, or a SIGTERM or
/// Ctrl+C nobody handles (.NET 10 no longer turns those into ProcessExit) — a watchdog process stops
/// them gracefully within moments and deletes a throw-away data folder. The library registers no signal handlers: shutdown order is the host's call.
/// </remarks>
public sealed class LocalInfrastructure : IAsyncDisposable
{
    private readonly OwnedServers? _owned;
    private int _stopped;

    private LocalInfrastructure(LocalInfrastructureOptions options, OwnedServers? owned)
    {
        _owned = owned;
        PostgresConnectionString = options.PostgresConnectionString ?? "";
        RabbitMqConnectionString = options.RabbitMqConnectionString ?? "";
        RabbitMq = options.RabbitMqConnectionString is { } external
            ? RabbitMqEndpoint.Parse(external)
            : new RabbitMqEndpoint("127.0.0.1", 0, "", "");
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
    public string? DataFolder => _owned?.FolderPath;

    /// <summary>True when this instance started PostgreSQL (rather than using a given server).</summary>
    public bool OwnsPostgres => _owned?.Postgres is not null;

    /// <summary>True when this instance started RabbitMQ (rather than using a given broker).</summary>
    public bool OwnsRabbitMq => _owned?.RabbitMq is not null;

    /// <summary>
    /// The operating-system processes this instance started and stops: the PostgreSQL postmaster, epmd,
    /// the rabbitmq-server script and its Erlang VM, and the watchdog.
    /// </summary>
    public IReadOnlyList<int> ProcessIds => _owned?.ProcessIds ?? [];

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
            return new LocalInfrastructure(options, owned: null);
        }

        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException(
                "Starting PostgreSQL and RabbitMQ needs Linux with Debian packages; elsewhere set ConnectionStrings__postgres and ConnectionStrings__rabbitmq.");
        }

        var progress = options.Progress ?? (_ => { });
        await DebianPackages.EnsureInstalledAsync(startPostgres, startRabbitMq, progress, ct);
        var folder = InstanceFolder.Prepare(options.DataFolder);
        var owned = new OwnedServers(folder, options.DeleteDataFolderOnDispose ?? folder.IsTemporary, progress);
        var infrastructure = new LocalInfrastructure(options, owned);
        ProcessExitCleanup.Register(infrastructure);
        try
        {
            await owned.StartAsync(startPostgres, startRabbitMq, options.StartupTimeout, ct);
            if (owned.Postgres is { } postgres)
            {
                infrastructure.PostgresConnectionString = postgres.ConnectionString;
            }

            if (owned.RabbitMq is { } rabbitMq)
            {
                infrastructure.RabbitMq = rabbitMq.Endpoint;
                infrastructure.RabbitMqConnectionString = rabbitMq.Endpoint.ConnectionString;
            }

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

    /// <summary>
    /// Creates a virtual host on the broker this instance started (rabbitmqctl: about a second) and returns its AMQP
    /// URI: the fault suite gives each case its own, so one case's queues never reach the next.
    /// </summary>
    /// <param name="name">Letters, digits, <c>_</c>, <c>.</c> or <c>-</c>.</param>
    /// <param name="ct">Cancels the request.</param>
    public async Task<string> CreateVirtualHostAsync(string name, CancellationToken ct = default)
    {
        var broker = Owned.RabbitMq ?? throw new ProvisioningException("RabbitMQ was given by connection string: create its virtual hosts there.");
        await broker.CreateVirtualHostAsync(name, ct);
        return RabbitMq.WithVirtualHost(name).ConnectionString;
    }

    /// <summary>
    /// Stops the PostgreSQL this instance started, as an administrator would (a fast shutdown: every session ends), and
    /// keeps its data, port and password: for outage tests. <see cref="StartPostgresAsync"/> brings it back.
    /// </summary>
    /// <exception cref="ProvisioningException">PostgreSQL was given by connection string, or did not stop.</exception>
    public Task StopPostgresAsync() => Task.Run(() => Owned.StopPostgres());

    /// <summary>Starts the PostgreSQL stopped by <see cref="StopPostgresAsync"/> again, on the same port and data; returns once it accepts connections.</summary>
    /// <param name="ct">Cancels the start.</param>
    public Task StartPostgresAsync(CancellationToken ct = default) =>
        OperatingSystem.IsLinux() ? Owned.StartPostgresAsync(TimeSpan.FromMinutes(2), ct) : throw new PlatformNotSupportedException();

    /// <summary>Stops the RabbitMQ this instance started, gracefully, keeping its queues, messages, ports and password.</summary>
    /// <exception cref="ProvisioningException">RabbitMQ was given by connection string, or did not stop.</exception>
    public Task StopRabbitMqAsync() => Task.Run(() => Owned.StopRabbitMq());

    /// <summary>Starts the RabbitMQ stopped by <see cref="StopRabbitMqAsync"/> again, on the same ports and data; returns once it accepts connections.</summary>
    /// <param name="ct">Cancels the start.</param>
    public Task StartRabbitMqAsync(CancellationToken ct = default) =>
        OperatingSystem.IsLinux() ? Owned.StartRabbitMqAsync(TimeSpan.FromMinutes(2), ct) : throw new PlatformNotSupportedException();

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
        _owned?.Stop();
    }

    private OwnedServers Owned => _owned ?? throw new ProvisioningException("Both servers were given by connection string: this instance cannot stop or start them.");
}
