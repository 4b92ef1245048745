using Microsoft.Extensions.DependencyInjection;
using TokenOptimizer.Provisioning;

namespace TokenOptimizer.AppHost.Infrastructure;

internal static class DatabaseOwnerExtensions
{
    /// <summary>
    /// <paramref name="name"/>: the database <paramref name="databaseName"/> on <paramref name="server"/>, as the role of the
    /// same name that owns it. The role's password is new at each start and set when the server is ready; ready itself when
    /// that role can connect.
    /// </summary>
    public static IResourceBuilder<DatabaseOwnerResource> AddDatabaseOwner<TServer>(
        this IResourceBuilder<TServer> server, string name, string databaseName, EndpointReference endpoint)
        where TServer : IResourceWithConnectionString
    {
        var builder = server.ApplicationBuilder;
        // Letters and digits only: the password goes into a connection string and a SQL literal. Not persisted: it is set anew.
        var password = builder.AddParameter($"{name}-password", new GenerateParameterDefault { MinLength = 32, Special = false }, secret: true);
        var owner = new DatabaseOwnerResource(name, databaseName, server.Resource, endpoint, password.Resource);

        builder.Eventing.Subscribe<ResourceReadyEvent>(server.Resource, async (@event, cancellationToken) =>
        {
            var superuser = await server.Resource.ConnectionStringExpression.GetValueAsync(cancellationToken)
                ?? throw new DistributedApplicationException($"{server.Resource.Name} is ready but has no connection string.");
            await DatabaseOwner.EnsureAsync(superuser, owner.DatabaseName, owner.RoleName, await owner.Password.GetValueAsync(cancellationToken), cancellationToken);

            // The orchestrator passes its state on to a child of a container, not of an executable: say it runs, which
            // starts its health check, and with it what waits for it.
            await @event.Services.GetRequiredService<ResourceNotificationService>().PublishUpdateAsync(owner, state => state with
            {
                State = KnownResourceStates.Running,
                StartTimeStamp = state.StartTimeStamp ?? DateTime.UtcNow,
            });
        });

        string? connectionString = null;
        builder.Eventing.Subscribe<ConnectionStringAvailableEvent>(owner, async (_, cancellationToken) =>
            connectionString = await owner.ConnectionStringExpression.GetValueAsync(cancellationToken));
        var healthCheck = $"{name}_check";
        builder.Services.AddHealthChecks().AddNpgSql(_ => connectionString ?? throw new InvalidOperationException($"{name}'s connection string is not known yet."), name: healthCheck);
        return builder.AddResource(owner).WithHealthCheck(healthCheck);
    }
}
