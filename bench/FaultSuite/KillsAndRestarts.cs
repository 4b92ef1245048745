using TokenOptimizer.Testing;

namespace TokenOptimizer.Bench.FaultSuite;

/// <summary>
/// Processes and servers dying under traffic: <c>kill -9</c> of Ingestion (HTTP producers retry) and of Aggregation
/// (its read models resume from their checkpoints), a RabbitMQ restart and a PostgreSQL restart (bus producers).
/// </summary>
internal static class KillsAndRestarts
{
    public static async Task<CaseRun> KillIngestion(FaultSystem system)
    {
        var traffic = UsageTraffic.Start(system.Producer.SendAsync, recordsPerSecond: 100, recordsPerSend: 10, seed: 11);
        await Task.Delay(TimeSpan.FromSeconds(8));
        await system.Services.KillAsync("ingestion");
        await Task.Delay(TimeSpan.FromSeconds(2));
        await system.Services.RestartAsync("ingestion");
        await Task.Delay(TimeSpan.FromSeconds(8));
        return new CaseRun(await traffic.StopAsync());
    }

    public static async Task<CaseRun> KillAggregation(FaultSystem system)
    {
        var traffic = UsageTraffic.Start(system.SendOnTheBusAsync, recordsPerSecond: 100, recordsPerSend: 10, seed: 12);
        await Task.Delay(TimeSpan.FromSeconds(8));
        await system.Services.KillAsync("aggregation");
        await Task.Delay(TimeSpan.FromSeconds(2));
        await system.Services.RestartAsync("aggregation");
        await Task.Delay(TimeSpan.FromSeconds(8));
        return new CaseRun(await traffic.StopAsync());
    }

    public static async Task<CaseRun> RestartRabbitMq(FaultSystem system)
    {
        var traffic = UsageTraffic.Start(system.SendOnTheBusAsync, recordsPerSecond: 60, seed: 13);
        await Task.Delay(TimeSpan.FromSeconds(8));
        await system.Servers.StopRabbitMqAsync();
        await system.Servers.StartRabbitMqAsync();
        await Task.Delay(TimeSpan.FromSeconds(15));
        return new CaseRun(await traffic.StopAsync());
    }

    public static async Task<CaseRun> RestartPostgres(FaultSystem system)
    {
        var traffic = UsageTraffic.Start(system.SendOnTheBusAsync, recordsPerSecond: 60, seed: 14);
        await Task.Delay(TimeSpan.FromSeconds(8));
        await system.Servers.StopPostgresAsync();
        await system.Servers.StartPostgresAsync();
        await Task.Delay(TimeSpan.FromSeconds(8));
        return new CaseRun(await traffic.StopAsync());
    }
}
