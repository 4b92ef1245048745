namespace TokenOptimizer.Provisioning.Tests;

public sealed class CancellingAStart
{
    [Fact]
    public async Task CancelledWhileRabbitMqBoots_LeavesNoProcessAndNoFolder()
    {
        // Given a start cancelled a second after the broker was launched, before it is ready
        using var cancel = new CancellationTokenSource();
        var folder = Path.Combine(Path.GetTempPath(), $"tokenoptimizer-cancelled-{Guid.NewGuid():N}");
        var options = new LocalInfrastructureOptions
        {
            DataFolder = folder,
            DeleteDataFolderOnDispose = true,
            Progress = line =>
            {
                if (line.StartsWith("RabbitMQ: starting", StringComparison.Ordinal))
                {
                    cancel.CancelAfter(TimeSpan.FromSeconds(1));
                }
            },
        };

        // When
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => LocalInfrastructure.StartAsync(options, cancel.Token));

        // Then
        Assert.Empty(OurProcesses.StillRunning([], folder));
        Assert.False(Directory.Exists(folder));
    }
}
