using Microsoft.Extensions.Hosting;
using TokenOptimizer.Provisioning.Services;

namespace TokenOptimizer.AppHost;

/// <summary>
/// Starts every service once the database and broker are ready, Ingestion first because it creates the
/// event log the others read; shows each one's URL and health; stops them in reverse order. Every service gets
/// the bootstrap admin key, and each the URLs of those started before it (<c>Services__&lt;name&gt;</c>): Query
/// sends its writes to Aggregation and Ingestion.
/// </summary>
internal sealed class ServicesResource(AppHostOptions options, Resources resources, Console console) : IHostedService
{
    private static readonly (string Name, string Project, string Assembly)[] Services =
    [
        ("ingestion", "services/Ingestion", "TokenOptimizer.Ingestion"),
        ("aggregation", "services/Aggregation", "TokenOptimizer.Aggregation"),
        ("recommendations", "services/Recommendations", "TokenOptimizer.Recommendations"),
        ("query", "services/Query", "TokenOptimizer.Query"),
    ];

    private readonly List<DotnetService> _running = [];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__" + Resources.Postgres] = resources.PostgresConnectionString,
            ["ConnectionStrings__" + Resources.RabbitMq] = resources.RabbitMqConnectionString,
            ["Access__BootstrapAdminKey"] = resources.BootstrapAdminKey,
        };
        if (Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_ENDPOINT") is { } otlp)
        {
            environment["OTEL_EXPORTER_OTLP_ENDPOINT"] = otlp;
        }

        foreach (var (name, project, assembly) in Services)
        {
            var service = DotnetService.Start(
                name,
                DotnetService.LocateAssembly(project, assembly),
                environment,
                Path.Combine(options.DataFolder, "logs", name + ".log"));
            _running.Add(service);
            await service.WaitHealthyAsync(TimeSpan.FromSeconds(60), cancellationToken);
            console.Ready(name, $"{service.Url}  (health: {service.Url}health, log: {service.LogFile})");
            resources.ServiceUrls[name] = service.Url;
            environment["Services__" + name] = service.Url.ToString();
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        console.Step("Stopping services");
        for (var i = _running.Count - 1; i >= 0; i--)
        {
            await _running[i].DisposeAsync();
        }
    }
}
