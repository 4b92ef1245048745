using Microsoft.Extensions.Logging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using TokenOptimizer.AppHost;

// The local orchestrator: PostgreSQL and RabbitMQ first, then every service, then (with --demo) traffic.
// Hosted services start in the order registered and stop in reverse, which states the dependencies.
var options = AppHostOptions.Parse(args);
// MassTransit's usage telemetry calls out to the internet; the AppHost's children inherit this too.
Environment.SetEnvironmentVariable("MASSTRANSIT_USAGE_TELEMETRY", "false");
var builder = Host.CreateApplicationBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Services.AddSingleton(options);
builder.Services.AddSingleton<Resources>();
builder.Services.AddSingleton<TokenOptimizer.AppHost.Console>();
builder.Services.AddHostedService<DashboardBuild>();
builder.Services.AddHostedService<InfrastructureResource>();
builder.Services.AddHostedService<ServicesResource>();
if (options.Demo)
{
    builder.Services.AddHostedService<DemoTrafficService>();
}

builder.Services.AddHostedService<ReadyBanner>();
await builder.Build().RunAsync();
