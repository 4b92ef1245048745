using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace TokenOptimizer.ServiceDefaults;

public static class EventStoreExtensions
{
    /// <summary>
    /// Registers a Marten store over the service's PostgreSQL data source (<see cref="DatabaseExtensions.AddPostgres"/>),
    /// configured by <paramref name="configure"/> (which may take the projections it registers from the services). Call <c>AddAsyncDaemon</c> on the result where projections run.
    /// </summary>
    public static MartenServiceCollectionExtensions.MartenConfigurationExpression AddEventStore(this IHostApplicationBuilder builder, Action<StoreOptions, IServiceProvider> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        return builder.Services.AddMarten(services =>
        {
            var options = new StoreOptions();
            options.Connection(services.GetRequiredService<NpgsqlDataSource>());
            configure(options, services);
            return options;
        });
    }
}
