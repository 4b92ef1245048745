using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace TokenOptimizer.ServiceDefaults;

/// <summary>
/// MassTransit on RabbitMQ from <c>ConnectionStrings:rabbitmq</c> (an amqp:// URI): durable queues, publisher
/// confirms, kebab-case endpoints, no usage telemetry (it calls out to the internet), and retries that tell the
/// infrastructure's faults from the message's: while PostgreSQL or RabbitMQ is unreachable a message is retried until
/// it is back, never parked; a message that fails for itself is retried a few times and then parked in its endpoint's
/// <c>_error</c> queue, which <c>/health</c> reports (Degraded) and <see cref="ErrorQueues"/> can move back.
/// </summary>
public static class BusExtensions
{
    public const string ConnectionName = "rabbitmq";

    /// <summary>Longest pause between retries of an infrastructure fault: how long consumers may idle after the database is back.</summary>
    private static readonly TimeSpan LongestOutageRetry = TimeSpan.FromSeconds(5);

    public static IHostApplicationBuilder AddBus(this IHostApplicationBuilder builder, Action<IBusRegistrationConfigurator>? configure = null)
    {
        var connectionString = builder.Configuration.GetConnectionString(ConnectionName)
            ?? throw new InvalidOperationException(
                $"ConnectionStrings:{ConnectionName} is not set. Start the service with `dotnet run --project AppHost`, or set ConnectionStrings__{ConnectionName}.");
        var brokerUri = new Uri(connectionString);

        builder.Services.AddSingleton<FaultedMessageCounter>();
        builder.Services.AddSingleton(_ => new ErrorQueues(brokerUri)); // made by the container, which disposes its connection
        builder.Services.AddHealthChecks().AddCheck<ErrorQueuesHealthCheck>("bus-error-queues");
        builder.Services.AddMassTransit(bus =>
        {
            bus.DisableUsageTelemetry();
            bus.AddReceiveObserver<FaultedMessageCounter>();
            bus.AddReceiveEndpointObserver(provider => provider.GetRequiredService<ErrorQueues>());
            bus.SetKebabCaseEndpointNameFormatter();
            configure?.Invoke(bus);
            bus.UsingRabbitMq((context, rabbit) =>
            {
                rabbit.Host(brokerUri, host => host.PublisherConfirmation = true);
                // Outer: an outage is waited out however long it lasts (the message stays unacknowledged meanwhile, so a
                // crash returns it to the queue). Inner: anything else gets a few quick tries, then goes to _error.
                rabbit.UseMessageRetry(retry =>
                {
                    retry.Handle<Exception>(TransientFaults.IsTransient);
                    retry.Exponential(int.MaxValue, TimeSpan.FromMilliseconds(200), LongestOutageRetry, TimeSpan.FromMilliseconds(400));
                });
                rabbit.UseMessageRetry(retry =>
                {
                    retry.Ignore<Exception>(TransientFaults.IsTransient);
                    retry.Exponential(3, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(200));
                });
                rabbit.ConfigureEndpoints(context);
            });
        });
        return builder;
    }
}
