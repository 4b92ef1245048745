using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace TokenOptimizer.Client;

/// <summary>Registers the usage recorder and its sender.</summary>
public static class ServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IUsageRecorder"/> (a singleton <see cref="UsageRecorder"/>) sending over HTTP to
    /// <see cref="TokenOptimizerClientOptions.IngestionUrl"/>, unless another <see cref="IUsageTransport"/> is
    /// registered; and a hosted service that sends what is buffered when the host stops.
    /// </summary>
    public static IServiceCollection AddTokenOptimizerClient(this IServiceCollection services, Action<TokenOptimizerClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        var options = new TokenOptimizerClientOptions();
        configure(options);
        options.Validate();
        services.AddSingleton(options);
        services.TryAddSingleton<IUsageTransport>(_ => new HttpUsageTransport(options));
        services.TryAddSingleton(provider => new UsageRecorder(
            provider.GetRequiredService<IUsageTransport>(), options, provider.GetService<ILogger<UsageRecorder>>()));
        services.TryAddSingleton<IUsageRecorder>(provider => provider.GetRequiredService<UsageRecorder>());
        services.AddHostedService<UsageRecorderShutdown>();
        return services;
    }
}
