using Microsoft.Extensions.Hosting;

namespace TokenOptimizer.Access;

/// <summary>Keeps this instance's key cache in step with revocations made through any instance of any service.</summary>
internal sealed class ApiKeyRevocations(ApiKeyStore store) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => store.FollowRevocationsAsync(stoppingToken);
}
