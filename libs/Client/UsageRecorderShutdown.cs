using Microsoft.Extensions.Hosting;

namespace TokenOptimizer.Client;

/// <summary>Sends the buffered records when the host stops, before the process exits.</summary>
internal sealed class UsageRecorderShutdown(UsageRecorder recorder) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => recorder.DisposeAsync().AsTask();
}
