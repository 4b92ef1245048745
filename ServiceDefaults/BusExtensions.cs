using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace TokenOptimizer.ServiceDefaults;

/// <summary>
/// MassTransit on RabbitMQ from <c>ConnectionStrings:rabbitmq</c> (an amqp:// URI): durable queues,
/// publisher confirms, retries with backoff, kebab-case endpoints, and no usage telemetry (it calls out
/// to the internet).
/// </summary>
public static class BusExtensions
{
    public const string ConnectionName = "rabbitmq";

    public static IHostApplicationBuilder AddBus(this IHostApplicationBuilder builder, Action<IBusRegistrationConfigurator>? configure = null)
    {
        var connectionString = builder.Configuration.GetConnectionString(ConnectionName)
            ?? throw new InvalidOperationException(
                $"ConnectionStrings:{ConnectionName} is not set. Start the service with `dotnet run --project AppHost`, or set ConnectionStrings__{ConnectionName}.");
        var brokerUri = new Uri(connectionString);

        builder.Services.AddSingleton<FaultedMessageCounter>();
        builder.Services.AddMassTransit(bus =>
        {
            bus.DisableUsageTelemetry();
            bus.AddReceiveObserver<FaultedMessageCounter>();
            bus.SetKebabCaseEndpointNameFormatter();
            configure?.Invoke(bus);
            bus.UsingRabbitMq((context, rabbit) =>
            {
                rabbit.Host(brokerUri, host => host.PublisherConfirmation = true);
                rabbit.UseMessageRetry(retry => retry.Exponential(5, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(200)));
                rabbit.ConfigureEndpoints(context);
            });
        });
        return builder;
    }
}
