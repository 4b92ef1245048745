using MassTransit;
using RabbitMQ.Client;

namespace TokenOptimizer.ServiceDefaults;

/// <summary>
/// The <c>_error</c> queues of this service's receive endpoints, where MassTransit parks a message that still failed
/// after its retries: counted (for <c>/health</c> and an admin endpoint) and moved back to their endpoints on request.
/// The endpoints are learnt as they start, so every consumer a service adds is covered. Counting and moving use a
/// RabbitMQ connection of their own (RabbitMQ.Client, which MassTransit uses underneath): MassTransit offers no API
/// to read a queue it does not consume.
/// </summary>
public sealed class ErrorQueues(Uri brokerUri) : IReceiveEndpointObserver, IAsyncDisposable
{
    private const string ErrorSuffix = "_error";
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly HashSet<string> _endpoints = new(StringComparer.Ordinal);
    private IConnection? _connection;

    /// <summary>How many messages wait in each endpoint's <c>_error</c> queue (0 when there is none yet).</summary>
    public async Task<IReadOnlyList<ErrorQueueCount>> CountAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var counts = new List<ErrorQueueCount>();
            foreach (var endpoint in Endpoints())
            {
                counts.Add(new ErrorQueueCount(endpoint, endpoint + ErrorSuffix, await MessagesInAsync(endpoint + ErrorSuffix, cancellationToken)));
            }

            return counts;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Moves the messages waiting in each <c>_error</c> queue now back to its endpoint, each once: as many as the queue
    /// held when the move began, so a message that fails again and returns is not moved round in circles. Each is
    /// acknowledged in the error queue only after the broker confirmed it in the endpoint's queue, so none is lost.
    /// </summary>
    public async Task<IReadOnlyList<ErrorQueueCount>> MoveBackAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var moved = new List<ErrorQueueCount>();
            foreach (var endpoint in Endpoints())
            {
                var waiting = await MessagesInAsync(endpoint + ErrorSuffix, cancellationToken);
                moved.Add(new ErrorQueueCount(endpoint, endpoint + ErrorSuffix, waiting == 0 ? 0 : await MoveAsync(endpoint, waiting, cancellationToken)));
            }

            return moved;
        }
        finally
        {
            _gate.Release();
        }
    }

    public Task Ready(ReceiveEndpointReady ready)
    {
        // Temporary endpoints (the bus's own, request clients') have auto-deleted queues and park nothing.
        var query = ready.InputAddress.Query;
        if (!query.Contains("temporary=true", StringComparison.OrdinalIgnoreCase) && !query.Contains("autodelete=true", StringComparison.OrdinalIgnoreCase))
        {
            lock (_endpoints)
            {
                _endpoints.Add(ready.InputAddress.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries)[^1]);
            }
        }

        return Task.CompletedTask;
    }

    public Task Stopping(ReceiveEndpointStopping stopping) => Task.CompletedTask;

    public Task Completed(ReceiveEndpointCompleted completed) => Task.CompletedTask;

    public Task Faulted(ReceiveEndpointFaulted faulted) => Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }

        _gate.Dispose();
    }

    private List<string> Endpoints()
    {
        lock (_endpoints)
        {
            return [.. _endpoints.Order(StringComparer.Ordinal)];
        }
    }

    private async Task<long> MessagesInAsync(string queue, CancellationToken cancellationToken)
    {
        await using var channel = await (await ConnectionAsync(cancellationToken)).CreateChannelAsync(cancellationToken: cancellationToken);
        try
        {
            return (await channel.QueueDeclarePassiveAsync(queue, cancellationToken)).MessageCount;
        }
        catch (RabbitMQ.Client.Exceptions.OperationInterruptedException exception) when (exception.ShutdownReason?.ReplyCode == 404)
        {
            return 0; // nothing ever failed there: MassTransit creates the error queue with the first parked message
        }
    }

    private async Task<long> MoveAsync(string endpoint, long count, CancellationToken cancellationToken)
    {
        var options = new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true);
        await using var channel = await (await ConnectionAsync(cancellationToken)).CreateChannelAsync(options, cancellationToken);
        long moved = 0;
        while (moved < count && await channel.BasicGetAsync(endpoint + ErrorSuffix, autoAck: false, cancellationToken) is { } parked)
        {
            var properties = new BasicProperties(parked.BasicProperties);
            if (properties.Headers is { } headers)
            {
                // The fault's description stays in the logs; the message goes back as it was sent.
                foreach (var key in headers.Keys.Where(k => k.StartsWith("MT-Fault-", StringComparison.Ordinal) || k == "MT-Reason").ToList())
                {
                    headers.Remove(key);
                }
            }

            // Straight to the endpoint's queue (the default exchange routes by queue name); awaits the broker's confirm.
            await channel.BasicPublishAsync("", endpoint, mandatory: true, properties, parked.Body, cancellationToken);
            await channel.BasicAckAsync(parked.DeliveryTag, multiple: false, cancellationToken);
            moved++;
        }

        return moved;
    }

    private async Task<IConnection> ConnectionAsync(CancellationToken cancellationToken)
    {
        if (_connection is { IsOpen: true })
        {
            return _connection;
        }

        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }

        // A short connection timeout: /health waits on this while the broker is down.
        var factory = new ConnectionFactory { Uri = brokerUri, ClientProvidedName = "error-queues", AutomaticRecoveryEnabled = false, RequestedConnectionTimeout = TimeSpan.FromSeconds(5) };
        return _connection = await factory.CreateConnectionAsync(cancellationToken);
    }
}

/// <summary>An endpoint's error queue and a number of its messages (waiting, or moved back).</summary>
/// <param name="Endpoint">The receive endpoint's queue, e.g. <c>usage-recorded</c>.</param>
/// <param name="ErrorQueue">Its error queue, e.g. <c>usage-recorded_error</c>.</param>
/// <param name="Messages">The number of messages.</param>
public sealed record ErrorQueueCount(string Endpoint, string ErrorQueue, long Messages);
