using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace TokenOptimizer.Client.MassTransit;

/// <summary>Makes <c>AddTokenOptimizerClient</c> send over the application's MassTransit bus.</summary>
public static class BusTransportExtensions
{
    /// <summary>
    /// Sends recorded usage with the registered <see cref="IBus"/> (configured by the application's own
    /// <c>AddMassTransit</c>, on the broker Ingestion consumes from) instead of HTTP. Call before or after
    /// <c>AddTokenOptimizerClient</c>.
    /// </summary>
    public static IServiceCollection SendUsageThroughBus(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.Replace(ServiceDescriptor.Singleton<IUsageTransport>(provider => new BusUsageTransport(provider.GetRequiredService<IBus>())));
        return services;
    }
}
