using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace TokenOptimizer.AppHost;

/// <summary>
/// Once the product's dashboard answers: where the Aspire dashboard is (with its login link), where the product's
/// dashboard and the ingestion API are, and this run's admin key, which exists nowhere else once the app host stops.
/// </summary>
internal static class ReadyBanner
{
    public static void PrintWhenReady(
        IDistributedApplicationBuilder builder, IResourceBuilder<ProjectResource> query, IResourceBuilder<ProjectResource> ingestion, IResourceBuilder<ParameterResource> adminKey) =>
        builder.Eventing.Subscribe<ResourceReadyEvent>(query.Resource, async (@event, cancellationToken) =>
        {
            var configuration = @event.Services.GetRequiredService<IConfiguration>();
            var key = await adminKey.Resource.GetValueAsync(cancellationToken);
            AppHostConsole.Step("TokenOptimizer is running. Press Ctrl+C to stop everything.");
            if (configuration["ASPNETCORE_URLS"]?.Split(';')[0].TrimEnd('/') is { Length: > 0 } aspire)
            {
                AppHostConsole.Ready("Aspire dashboard", configuration["AppHost:BrowserToken"] is { Length: > 0 } token ? $"{aspire}/login?t={token}" : aspire);
            }

            AppHostConsole.Ready("TokenOptimizer", $"{query.GetEndpoint("http").Url}/  (sign in with an API key)");
            AppHostConsole.Ready("Ingestion API", $"{ingestion.GetEndpoint("http").Url}/  (records: POST /v1/usage; keys: /v1/admin/api-keys)");
            AppHostConsole.Ready("admin API key", $"{key}  (new at each start, never stored)");
            AppHostConsole.Detail("Send a first record: README, \"Send a first record\"; every service's logs, traces and metrics are in the Aspire dashboard.");
        });
}
