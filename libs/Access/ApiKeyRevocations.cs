using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace TokenOptimizer.Access;

/// <summary>
/// Keeps this instance's key cache in step with revocations made through any instance of any service: it listens on
/// <see cref="ApiKeyStore.RevokedChannel"/> and forgets each key announced there. A lost connection is reopened (with
/// backoff), and the whole cache forgotten then: revocations made meanwhile went unheard.
/// </summary>
internal sealed partial class ApiKeyRevocations(ApiKeyStore store, NpgsqlDataSource dataSource, ILogger<ApiKeyRevocations> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delay = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
                connection.Notification += (_, notification) => store.Forget(notification.Payload);
                await using (var listen = new NpgsqlCommand($"LISTEN {ApiKeyStore.RevokedChannel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                store.ForgetAll();
                delay = TimeSpan.FromSeconds(1);
                while (true)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) when (exception is NpgsqlException or IOException or TimeoutException)
            {
                LogRevocationsUnheard(delay, exception);
                await Task.Delay(delay, stoppingToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(30).Ticks));
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Not hearing API key revocations (cached keys expire by themselves meanwhile); listening again in {Delay}")]
    private partial void LogRevocationsUnheard(TimeSpan delay, Exception exception);
}
