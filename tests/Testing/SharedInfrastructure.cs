using TokenOptimizer.Provisioning;
using TokenOptimizer.Testing.Containers;

namespace TokenOptimizer.Testing;

/// <summary>
/// The one PostgreSQL and one RabbitMQ of this test process, each started on first use and shared by every test
/// class in it; each class gets its own database or virtual host from the fixtures.
/// </summary>
/// <remarks>
/// <para>
/// <c>dotnet test</c> runs each test assembly in its own process, so "one server per test run" means one per
/// test assembly: assemblies run in parallel without sharing anything. An assembly that needs only PostgreSQL
/// never starts RabbitMQ.
/// </para>
/// <para>
/// The servers are Testcontainers containers on our locally built images (see <see cref="DockerEngine"/>),
/// throw-away (PostgreSQL without fsync), removed by <see cref="ContainerReaper"/> once the process has ended.
/// </para>
/// <para>
/// With <c>ConnectionStrings__postgres</c> / <c>ConnectionStrings__rabbitmq</c> set, those servers are used
/// instead: the PostgreSQL user needs CREATEROLE and CREATEDB (or superuser), the broker its management plugin on
/// port 15672. Databases, roles and virtual hosts made on them are dropped when their class ends.
/// </para>
/// </remarks>
public static class SharedInfrastructure
{
    private static readonly OnFirstUse<PostgresServer> Postgres = new(() =>
        ProvidePostgresAsync(InfrastructureConnectionStrings.FromEnvironment(InfrastructureConnectionStrings.Postgres)));

    private static readonly OnFirstUse<RabbitMqBroker> RabbitMq = new(() =>
        ProvideRabbitMqAsync(InfrastructureConnectionStrings.FromEnvironment(InfrastructureConnectionStrings.RabbitMq)));

    /// <summary>The shared PostgreSQL, starting it on first use. A failed start fails every caller the same way.</summary>
    public static Task<PostgresServer> PostgresAsync() => Postgres.GetAsync();

    /// <summary>The shared RabbitMQ, starting it on first use. A failed start fails every caller the same way.</summary>
    public static Task<RabbitMqBroker> RabbitMqAsync() => RabbitMq.GetAsync();

    /// <summary>The server given by <paramref name="connectionString"/>, or a new container when it is null.</summary>
    public static async Task<PostgresServer> ProvidePostgresAsync(string? connectionString)
    {
        if (connectionString is not null)
        {
            return new PostgresServer(connectionString, isThrowaway: false);
        }

        var (builder, socketFolder) = await ServerContainers.PostgresAsync();
        var container = builder.Build();
        await container.StartAsync();
        return new PostgresServer(ServerContainers.ThroughSocket(container, socketFolder), isThrowaway: true);
    }

    /// <summary>
    /// The broker given by <paramref name="connectionString"/> (an <c>amqp://</c> URI) with its management API
    /// (by default on port 15672 of the same host), or a new container when it is null.
    /// </summary>
    public static async Task<RabbitMqBroker> ProvideRabbitMqAsync(string? connectionString, Uri? managementApi = null)
    {
        if (connectionString is not null)
        {
            var given = RabbitMqEndpoint.Parse(connectionString);
            return new RabbitMqBroker(given, managementApi ?? new Uri($"http://{given.Host}:{ServerContainers.RabbitMqManagementPort}/"), isThrowaway: false);
        }

        var container = (await ServerContainers.RabbitMqAsync()).Build();
        await container.StartAsync();
        return new RabbitMqBroker(
            RabbitMqEndpoint.Parse(container.GetConnectionString()),
            new Uri($"http://{container.Hostname}:{container.GetMappedPublicPort(ServerContainers.RabbitMqManagementPort)}/"),
            isThrowaway: true);
    }
}
