using Npgsql;
using Testcontainers.PostgreSql;
using Testcontainers.RabbitMq;

namespace TokenOptimizer.Testing.Containers;

/// <summary>
/// How our PostgreSQL and RabbitMQ containers are built: Testcontainers' modules on our locally built images,
/// labelled for <see cref="ContainerReaper"/>, once <see cref="DockerEngine"/> is ready.
/// </summary>
public static class ServerContainers
{
    /// <summary>The RabbitMQ management API's port in the container: per-class virtual hosts are made through it.</summary>
    public const ushort RabbitMqManagementPort = 15672;

    // Docker's default /dev/shm (64 MB) is too small for PostgreSQL's parallel queries on big tables.
    private const long PostgresSharedMemory = 512L * 1024 * 1024;

    /// <summary>
    /// A throw-away PostgreSQL (the module already turns fsync, synchronous_commit and full_page_writes off) whose
    /// Unix socket appears in <c>SocketFolder</c>, a host folder of ours: connect with <see cref="ThroughSocket"/>.
    /// </summary>
    /// <remarks>
    /// Not through the published port: without iptables, Docker forwards a published port through docker-proxy, a
    /// userland copy that costs CPU on every query and buffers megabytes in between, so a test of streaming
    /// (Query's <c>LargeExport_StreamsRowsAsItReadsThem</c>) saw PostgreSQL hand a 20,000-row export over at once.
    /// </remarks>
    public static async Task<(PostgreSqlBuilder Builder, string SocketFolder)> PostgresAsync()
    {
        await DockerEngine.EnsureReadyAsync();
        var socketFolder = ContainerReaper.CreateFolder();
        var builder = new PostgreSqlBuilder(DockerEngine.PostgresImage)
            .WithLabel(ContainerReaper.Labels)
            .WithBindMount(socketFolder, "/var/run/postgresql")
            .WithCommand("-c", "max_connections=300", "-c", "shared_buffers=256MB")
            .WithCreateParameterModifier(container => container.HostConfig!.ShmSize = PostgresSharedMemory);
        return (builder, socketFolder);
    }

    /// <summary>The container's connection string (its superuser) through the socket in <paramref name="socketFolder"/>.</summary>
    public static string ThroughSocket(PostgreSqlContainer container, string socketFolder) =>
        new NpgsqlConnectionStringBuilder(container.GetConnectionString()) { Host = socketFolder, Port = PostgreSqlBuilder.PostgreSqlPort }.ConnectionString;

    /// <summary>A RabbitMQ with its management API published too.</summary>
    public static async Task<RabbitMqBuilder> RabbitMqAsync()
    {
        await DockerEngine.EnsureReadyAsync();
        return new RabbitMqBuilder(DockerEngine.RabbitMqImage)
            .WithLabel(ContainerReaper.Labels)
            .WithPortBinding(RabbitMqManagementPort, assignRandomHostPort: true);
    }
}
