using TokenOptimizer.Access;
using TokenOptimizer.AppHost;
using TokenOptimizer.AppHost.Dashboard;
using TokenOptimizer.AppHost.Infrastructure;

// PostgreSQL and RabbitMQ (local processes or containers), the four services in the order their data needs, the
// dashboard build, and with --demo generated traffic; each waits for what it uses. Stops everything on Ctrl+C.
var options = AppHostOptions.Parse(args);
var builder = DistributedApplication.CreateBuilder(options.AspireArguments);
if (await Servers.AddAsync(builder, options) is not { } servers)
{
    return 1;
}

// New at each start, handed to the services and printed, never written anywhere.
var adminKey = builder.AddParameter(ServiceResources.BootstrapAdminKey, ApiKeys.Generate, secret: true);
var ingestion = builder.AddProject<Projects.Ingestion>("ingestion").WithServiceDefaults(servers, adminKey);
var aggregation = builder.AddProject<Projects.Aggregation>("aggregation").WithServiceDefaults(servers, adminKey)
    .WaitFor(ingestion) // Ingestion makes the event log that Aggregation projects.
    .WithOrleansSilo(clusterId: "tokenoptimizer", serviceId: "tokenoptimizer-aggregation")
    .WithReplicas(options.AggregationReplicas);
var recommendations = builder.AddProject<Projects.Recommendations>("recommendations").WithServiceDefaults(servers, adminKey)
    .WaitFor(aggregation); // whose read models it reads
var dashboardBuild = builder.AddDashboardBuild();
var query = builder.AddProject<Projects.Query>("query").WithServiceDefaults(servers, adminKey)
    .WithReference(ingestion).WithReference(aggregation).WithReference(recommendations).WaitFor(recommendations)
    .WaitForCompletion(dashboardBuild) // Query serves dashboard/dist of its checkout
    .WithExternalHttpEndpoints();

if (options.Demo)
{
    servers.Referenced(builder.AddProject<Projects.DemoProducer>("demo"))
        .WaitFor(ingestion) // which consumes what it publishes
        .WithEnvironment("Demo__PeakPerSecond", options.DemoPeakPerSecond.ToString(System.Globalization.CultureInfo.InvariantCulture))
        .WithEnvironment("Demo__BackfillDays", options.DemoBackfillDays.ToString(System.Globalization.CultureInfo.InvariantCulture))
        .WithEnvironment("MASSTRANSIT_USAGE_TELEMETRY", "false");
}

ReadyBanner.PrintWhenReady(builder, query, ingestion, adminKey);
await builder.Build().RunAsync();
return 0;
