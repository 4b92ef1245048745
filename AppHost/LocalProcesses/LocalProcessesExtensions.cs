using System.Runtime.Versioning;
using Microsoft.Extensions.DependencyInjection;
using RabbitMQ.Client;
using TokenOptimizer.Provisioning;

namespace TokenOptimizer.AppHost.LocalProcesses;

/// <summary>
/// The local-processes mode: PostgreSQL and RabbitMQ from Debian's packages (installed with apt when missing, as root) as
/// executable resources, their data kept across runs in the data folder. Each listens on a free loopback port of its own,
/// without the orchestrator's proxy in between (a userland copy of every byte). Their passwords are made on first start
/// and kept in the folder (owner-only), since the data there was made with them.
/// </summary>
internal static class LocalProcessesExtensions
{
    [SupportedOSPlatform("linux")]
    public static async Task<(IResourceBuilder<LocalPostgresResource> Postgres, IResourceBuilder<LocalRabbitMqResource> RabbitMq)> AddLocalServersAsync(
        this IDistributedApplicationBuilder builder, string dataFolder, Action<string> progress)
    {
        await DebianPackages.EnsureInstalledAsync(postgres: true, rabbitMq: true, progress, CancellationToken.None);
        var folder = InstanceFolder.Prepare(dataFolder);
        var secrets = new StoredSecrets(folder.Combine("secrets"));
        var ports = FreePorts.Take(4);
        return (
            builder.AddLocalPostgres("postgres-server", folder.Path, ports[0], secrets.GetOrCreate("postgres-password")),
            builder.AddLocalRabbitMq("rabbitmq", folder.Path, [ports[1], ports[2], ports[3]], secrets.GetOrCreate("rabbitmq-password")));
    }

    private static IResourceBuilder<LocalPostgresResource> AddLocalPostgres(this IDistributedApplicationBuilder builder, string name, string dataFolder, int port, string password)
    {
        var resource = new LocalPostgresResource(name, dataFolder, builder.AddParameter($"{name}-password", password, secret: true).Resource);
        string? connectionString = null;
        builder.Eventing.Subscribe<ConnectionStringAvailableEvent>(resource, async (_, cancellationToken) =>
            connectionString = await resource.ConnectionStringExpression.GetValueAsync(cancellationToken));
        var healthCheck = $"{name}_check";
        builder.Services.AddHealthChecks().AddNpgSql(
            _ => connectionString is null ? throw new InvalidOperationException($"{name}'s connection string is not known yet.") : connectionString + ";Database=postgres",
            name: healthCheck);
        return builder.AddResource(resource)
            .WithArgs(Script(builder, "postgres.sh"), Path.Combine(dataFolder, "postgres"), port.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .WithEnvironment("POSTGRES_PASSWORD", resource.Password)
            .WithEndpoint(port: port, targetPort: port, scheme: "tcp", name: LocalPostgresResource.EndpointName, isProxied: false)
            .WithHealthCheck(healthCheck);
    }

    private static IResourceBuilder<LocalRabbitMqResource> AddLocalRabbitMq(this IDistributedApplicationBuilder builder, string name, string dataFolder, int[] ports, string password)
    {
        var folder = Path.Combine(dataFolder, "rabbitmq");
        var plugins = RabbitMqCorePlugins.Prepare(InstalledServers.FindRabbitMqPlugins()!, Path.Combine(folder, "plugins"));
        var resource = new LocalRabbitMqResource(name, dataFolder, builder.AddParameter($"{name}-password", password, secret: true).Resource);
        string? connectionString = null;
        builder.Eventing.Subscribe<ConnectionStringAvailableEvent>(resource, async (_, cancellationToken) =>
            connectionString = await resource.ConnectionStringExpression.GetValueAsync(cancellationToken));
        var healthCheck = $"{name}_check";
        IConnection? connection = null; // kept: the check runs every few seconds
        builder.Services.AddHealthChecks().AddRabbitMQ(
            async _ => connection ??= await new ConnectionFactory { Uri = new Uri(connectionString ?? throw new InvalidOperationException($"{name}'s connection string is not known yet.")) }.CreateConnectionAsync(),
            healthCheck);
        return builder.AddResource(resource)
            .WithArgs([Script(builder, "rabbitmq.sh"), folder, .. ports.Select(p => p.ToString(System.Globalization.CultureInfo.InvariantCulture)), plugins])
            .WithEnvironment("RABBITMQ_PASSWORD", resource.Password)
            .WithEndpoint(port: ports[0], targetPort: ports[0], scheme: "tcp", name: LocalRabbitMqResource.EndpointName, isProxied: false)
            .WithHealthCheck(healthCheck);
    }

    private static string Script(IDistributedApplicationBuilder builder, string name) => Path.Combine(builder.AppHostDirectory, "LocalProcesses", name);
}
