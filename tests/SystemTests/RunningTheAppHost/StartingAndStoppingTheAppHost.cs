using TokenOptimizer.SystemTests.Running;
using TokenOptimizer.Testing;
using TokenOptimizer.Testing.Containers;
using Xunit;

namespace TokenOptimizer.SystemTests.RunningTheAppHost;

/// <summary>
/// <c>dotnet run --project AppHost</c> in each mode: every resource reaches healthy, and once stopped nothing it started is
/// left, neither a process (the services, PostgreSQL, RabbitMQ's node and its epmd) nor a container. Each test has a system
/// of its own.
/// </summary>
[Collection(InTurnCollection.Name)]
public sealed class StartingAndStoppingTheAppHost
{
    private static readonly string[] Resources = ["postgres-server", "postgres", "rabbitmq", "ingestion", "aggregation", "recommendations", "query"];

    [Fact]
    public Task LocalProcesses_ReachHealthy_AndLeaveNothingOnceStopped() => StartCheckAndStopAsync(AppHostRun.LocalProcesses);

    [Fact]
    public async Task Containers_ReachHealthy_AndLeaveNothingOnceStopped()
    {
        await DockerEngine.EnsureReadyAsync(); // the engine and the local images, as .ci/run and the app host itself make sure
        await StartCheckAndStopAsync(AppHostRun.Containers);
    }

    private static async Task StartCheckAndStopAsync(string mode)
    {
        var run = await AppHostRun.StartAsync(mode);
        LeftBehind started;
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
            foreach (var resource in Resources)
            {
                await run.App.ResourceNotifications.WaitForResourceHealthyAsync(resource, timeout.Token);
            }

            foreach (var service in (string[])["ingestion", "aggregation", "recommendations", "query"])
            {
                using var http = new HttpClient { BaseAddress = run.UrlOf(service) };
                Assert.Equal("Healthy", await http.GetStringAsync("/health"));
            }

            started = LeftBehind.StartedBy(run);
            Assert.True(started.Processes.Count >= 4, $"the four services at least: found {started.Processes.Count} processes");
            Assert.Equal(mode == AppHostRun.Containers ? 2 : 0, started.Containers.Count);
        }
        finally
        {
            await run.DisposeAsync();
        }

        await started.AssertAllGoneAsync();
    }
}
