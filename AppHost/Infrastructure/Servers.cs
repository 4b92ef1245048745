using TokenOptimizer.AppHost.Containers;
using Microsoft.Extensions.Configuration;
using TokenOptimizer.AppHost.LocalProcesses;

namespace TokenOptimizer.AppHost.Infrastructure;

/// <summary>
/// PostgreSQL and RabbitMQ, as processes of Debian's packages or as containers, chosen at start and said: the services
/// see the same two connection strings either way (<c>postgres</c>: their database as its owner; <c>rabbitmq</c>).
/// </summary>
internal sealed record Servers(IResourceBuilder<IResourceWithConnectionString> Database, IResourceBuilder<IResourceWithConnectionString> RabbitMq, bool Given = false)
{
    public const string DatabaseName = "tokenoptimizer";

    /// <summary>
    /// <paramref name="resource"/> with both connection strings, started once both servers are healthy; given servers are
    /// not ours to watch (a connection string alone has no state to wait for), the services' own /health says if they answer.
    /// </summary>
    public IResourceBuilder<T> Referenced<T>(IResourceBuilder<T> resource) where T : IResourceWithEnvironment, IResourceWithWaitSupport
    {
        resource.WithReference(Database).WithReference(RabbitMq);
        return Given ? resource : resource.WaitFor(Database).WaitFor(RabbitMq);
    }

    /// <summary>Adds the servers, or returns null after saying why none can run.</summary>
    public static async Task<Servers?> AddAsync(IDistributedApplicationBuilder builder, AppHostOptions options)
    {
        if (builder.ExecutionContext.IsPublishMode)
        {
            // The deployment model names containers: local processes mean nothing on a platform.
            return AddContainers(builder);
        }

        if (builder.Configuration.GetConnectionString("postgres") is not null && builder.Configuration.GetConnectionString("rabbitmq") is not null)
        {
            // Servers someone already runs (ConnectionStrings__postgres and __rabbitmq), used as given: as their own resources.
            AppHostConsole.Step("Infrastructure: the servers named by ConnectionStrings__postgres and ConnectionStrings__rabbitmq");
            return new Servers(builder.AddConnectionString("postgres"), builder.AddConnectionString("rabbitmq"), Given: true);
        }

        var useContainers = options.Infrastructure switch
        {
            InfrastructureChoice.Containers => true,
            InfrastructureChoice.LocalProcesses => false,
            _ => await DockerEngine.AnswersAsync(),
        };
        if (!useContainers && !OperatingSystem.IsLinux())
        {
            AppHostConsole.Problem("Local processes need Debian's packages on Linux: start a Docker engine and use --containers.");
            return null;
        }

        if (!useContainers)
        {
            AppHostConsole.Step($"Infrastructure: local processes (Debian's PostgreSQL and RabbitMQ, data in {options.DataFolder}){(options.Infrastructure == InfrastructureChoice.Detect ? "; no Docker engine answers, --containers to start one" : "")}");
            var (postgres, rabbitMq) = await builder.AddLocalServersAsync(options.DataFolder, AppHostConsole.Detail);
            return new Servers(postgres.AddDatabaseOwner("postgres", DatabaseName, postgres.Resource.Endpoint), rabbitMq);
        }

        AppHostConsole.Step($"Infrastructure: containers (images built locally from Debian's packages){(options.Infrastructure == InfrastructureChoice.Detect ? "; a Docker engine answers, --local for processes instead" : "")}");
        if (await DockerEngine.EnsureReadyAsync(Path.GetFullPath(Path.Combine(builder.AppHostDirectory, "..")), AppHostConsole.Detail) is { } problem)
        {
            AppHostConsole.Problem($"No Docker engine, or the images could not be built; start without --containers for local processes.\n{problem}");
            return null;
        }

        return AddContainers(builder);
    }

    private static Servers AddContainers(IDistributedApplicationBuilder builder)
    {
        var (postgres, rabbitMq) = builder.AddContainerServers();
        return new Servers(postgres.AddDatabaseOwner("postgres", DatabaseName, postgres.Resource.PrimaryEndpoint), rabbitMq);
    }
}
