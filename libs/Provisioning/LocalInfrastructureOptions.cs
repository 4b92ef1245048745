namespace TokenOptimizer.Provisioning;

/// <summary>How <see cref="LocalInfrastructure.StartAsync"/> provides PostgreSQL and RabbitMQ.</summary>
public sealed record LocalInfrastructureOptions
{
    /// <summary>
    /// Folder for both servers' data and logs. Null (the default) makes a fresh folder under
    /// <c>{temp}/tokenoptimizer/</c>. Give a stable folder to keep data across restarts: a second start
    /// reuses the PostgreSQL cluster and the RabbitMQ node found there. When running as root the servers
    /// run as users <c>postgres</c> and <c>rabbitmq</c>, so the folder must not be under <c>/root</c>;
    /// <c>/var/tmp/…</c> works.
    /// </summary>
    public string? DataFolder { get; init; }

    /// <summary>
    /// Whether disposing deletes the data folder. Null (the default) deletes it only when
    /// <see cref="DataFolder"/> is null, that is, when the folder was made up for this instance.
    /// </summary>
    public bool? DeleteDataFolderOnDispose { get; init; }

    /// <summary>Receives progress lines (what starts where, apt-get output, readiness times).</summary>
    public Action<string>? Progress { get; init; }

    /// <summary>An existing PostgreSQL server (Npgsql connection string) to use instead of starting one.</summary>
    public string? PostgresConnectionString { get; init; }

    /// <summary>An existing RabbitMQ broker (<c>amqp://</c> URI) to use instead of starting one.</summary>
    public string? RabbitMqConnectionString { get; init; }

    /// <summary>How long each server may take to accept connections. RabbitMQ needs 5–15 s on a small machine.</summary>
    public TimeSpan StartupTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// These options with <see cref="PostgresConnectionString"/> and <see cref="RabbitMqConnectionString"/>
    /// taken from the environment variables <c>ConnectionStrings__postgres</c> and
    /// <c>ConnectionStrings__rabbitmq</c> where those are set (an explicit option wins).
    /// </summary>
    public LocalInfrastructureOptions WithConnectionStringsFromEnvironment() => this with
    {
        PostgresConnectionString = PostgresConnectionString ?? InfrastructureConnectionStrings.FromEnvironment(InfrastructureConnectionStrings.Postgres),
        RabbitMqConnectionString = RabbitMqConnectionString ?? InfrastructureConnectionStrings.FromEnvironment(InfrastructureConnectionStrings.RabbitMq),
    };
}
