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

    /// <summary>A throw-away PostgreSQL: the module already turns fsync, synchronous_commit and full_page_writes off.</summary>
    public static async Task<PostgreSqlBuilder> PostgresAsync()
    {
        await DockerEngine.EnsureReadyAsync();
        return new PostgreSqlBuilder(DockerEngine.PostgresImage)
            .WithLabel(ContainerReaper.Labels)
            .WithCommand("-c", "max_connections=300", "-c", "shared_buffers=256MB")
            .WithCreateParameterModifier(container => container.HostConfig!.ShmSize = PostgresSharedMemory);
    }

    /// <summary>A RabbitMQ with its management API published too.</summary>
    public static async Task<RabbitMqBuilder> RabbitMqAsync()
    {
        await DockerEngine.EnsureReadyAsync();
        return new RabbitMqBuilder(DockerEngine.RabbitMqImage)
            .WithLabel(ContainerReaper.Labels)
            .WithPortBinding(RabbitMqManagementPort, assignRandomHostPort: true);
    }
}
