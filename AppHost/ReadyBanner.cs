using Microsoft.Extensions.Hosting;

namespace TokenOptimizer.AppHost;

/// <summary>Says, once everything before it has started, that the system is up and how to stop it.</summary>
internal sealed class ReadyBanner(Console console) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        console.Step("TokenOptimizer is running. Press Ctrl+C to stop everything.");
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
