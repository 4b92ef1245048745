using TokenOptimizer.Access;
using TokenOptimizer.Testing;
using Xunit;

namespace TokenOptimizer.Query.IntegrationTests;

public sealed class CheckingDataHealth(QueryHost host) : IClassFixture<QueryHost>
{
    private const string Health = """
        { dataHealth { deadLetters faultedMessages projections { name lag deadLetters letters { sequence eventType reason failedAt } } } }
        """;

    [Fact]
    public async Task EventsTheRollupsCannotApply_AreCountedForReadersDetailedForAdminsAndReplayedByAdmins()
    {
        // Given two events whose latency no decimal holds among good ones, applied by the read models
        var poison = TestUsage.Generate(2, seed: 92).Select(e => e with { Usage = e.Usage with { LatencyMs = 1e300 } });
        await host.FeedOnceAsync(() => TestUsage.Generate(200, seed: 91).Concat(poison));
        var readKey = await host.CreateKeyAsync(Role.Read);

        // When a reader and an admin ask whether the figures are whole
        var asAdmin = (await host.DataAsync(host.AdminKey, Health)).GetProperty("dataHealth");
        var asReader = (await host.DataAsync(readKey, Health)).GetProperty("dataHealth");

        // Then both see the rollups' two dead letters and no parked messages; only the admin sees why they failed
        var rollups = asAdmin.GetProperty("projections").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "usage_rollups");
        Assert.Equal(2, rollups.GetProperty("deadLetters").GetInt32());
        Assert.All(rollups.GetProperty("letters").EnumerateArray(), l => Assert.Equal("usage_ingested", l.GetProperty("eventType").GetString()));
        Assert.Equal(2, rollups.GetProperty("letters").GetArrayLength());
        Assert.True(asAdmin.GetProperty("deadLetters").GetInt32() >= 2);
        Assert.Equal(0, asAdmin.GetProperty("faultedMessages").GetInt64());
        Assert.Equal(asAdmin.GetProperty("deadLetters").GetInt32(), asReader.GetProperty("deadLetters").GetInt32());
        Assert.All(asReader.GetProperty("projections").EnumerateArray(), p => Assert.Equal(0, p.GetProperty("letters").GetArrayLength()));

        // And a replay is refused to the reader; for the admin it keeps both, still failing, with their new reason
        var (_, refused) = await host.GraphQLAsync(readKey, """mutation { replayDeadLetters(projection: "usage_rollups") { applied } }""");
        Assert.Equal("FORBIDDEN", refused.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
        var replay = (await host.DataAsync(host.AdminKey, """mutation { replayDeadLetters(projection: "usage_rollups") { projection applied stillFailing } }"""))
            .GetProperty("replayDeadLetters").EnumerateArray().Single();
        Assert.Equal(("usage_rollups", 0, 2), (replay.GetProperty("projection").GetString(), replay.GetProperty("applied").GetInt32(), replay.GetProperty("stillFailing").GetInt32()));
        Assert.Equal(0, (await host.DataAsync(host.AdminKey, "mutation { redeliverFaultedMessages }")).GetProperty("redeliverFaultedMessages").GetInt64());
    }
}
