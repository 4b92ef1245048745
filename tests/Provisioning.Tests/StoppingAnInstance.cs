namespace TokenOptimizer.Provisioning.Tests;

public sealed class StoppingAnInstance
{
    [Fact]
    public async Task DisposingAThrowAwayInstance_LeavesNoProcessAndNoFolder()
    {
        // Given
        var infrastructure = await LocalInfrastructure.StartAsync(new LocalInfrastructureOptions { Durable = false });
        var folder = infrastructure.DataFolder!;
        var started = OurProcesses.Snapshot(infrastructure);
        Assert.Equal(5, infrastructure.ProcessIds.Count); // postmaster, epmd, rabbitmq-server, beam.smp, watchdog
        Assert.NotEmpty(OurProcesses.StillRunning(started, folder));

        // When
        await infrastructure.DisposeAsync();

        // Then
        Assert.Empty(OurProcesses.StillRunning(started, folder));
        Assert.False(Directory.Exists(folder));
    }
}
