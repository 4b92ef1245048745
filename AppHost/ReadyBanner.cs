using Microsoft.Extensions.Hosting;

namespace TokenOptimizer.AppHost;

/// <summary>
/// Says, once everything before it has started, that the system is up, how to stop it, and the admin key to call
/// it with: this run's bootstrap key, which exists nowhere else once the AppHost stops.
/// </summary>
internal sealed class ReadyBanner(Resources resources, Console console) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        console.Step("TokenOptimizer is running. Press Ctrl+C to stop everything.");
        var key = resources.BootstrapAdminKey;
        console.Ready("admin API key", $"{key}  (new at each start, never stored)");
        if (resources.ServiceUrls.GetValueOrDefault("query") is { } query)
        {
            console.Ready("dashboard", $"{query}  (sign in with an API key)");
        }

        if (resources.ServiceUrls.GetValueOrDefault("ingestion") is { } ingestion)
        {
            console.Detail($"curl -H \"Authorization: Bearer {key}\" {ingestion}v1/admin/api-keys   # lists keys; POST there creates one (see README, API keys)");
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
