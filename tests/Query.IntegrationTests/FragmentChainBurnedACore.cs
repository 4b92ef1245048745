using System.Diagnostics;
using TokenOptimizer.Access;
using TokenOptimizer.Testing;
using Xunit;

namespace TokenOptimizer.Query.IntegrationTests;

/// <summary>
/// Regression (issue 15): a 1.3 KB document of 32 fragments, each spreading the next twice, kept the Query service's
/// limits busy with 2^32 selections for a full core's worth of minutes after the client had given up. It is now
/// refused at once, for selecting 2^32 fields.
/// </summary>
public sealed class FragmentChainBurnedACore(QueryHost host) : IClassFixture<QueryHost>
{
    // { ...P0 } with P0 … P31 each spreading the next twice and P32 selecting one field; a prefix per attempt makes a
    // new text each time, so no attempt is answered from the document cache.
    private static string Chain(string prefix) =>
        $"{{ ...{prefix}0 }} " + string.Concat(Enumerable.Range(0, 32).Select(i => $"fragment {prefix}{i} on Query {{ ...{prefix}{i + 1} ...{prefix}{i + 1} }} "))
        + $"fragment {prefix}32 on Query {{ __typename }}";

    [Fact]
    public async Task ThirtyTwoFragmentsEachSpreadingTheNextTwice_AreRefusedInUnder100Milliseconds()
    {
        var key = await host.CreateKeyAsync(Role.Read);
        await host.DataAsync(key, "{ viewer { role } }"); // The first request pays for start-up work, whatever it asks.
        var timings = new List<TimeSpan>();

        // The fastest of three: on two cores shared with other builds one request may wait for a core, but a
        // server that expands the chain cannot answer any of them in time (on the old code none answers at all).
        foreach (var prefix in new[] { "A", "B", "C" })
        {
            var document = Chain(prefix);
            Assert.InRange(document.Length, 1_200, 1_400);
            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            var clock = Stopwatch.StartNew();
            var (status, body) = await host.Http.GraphQLAsync(key, new { query = document }, patience.Token);
            timings.Add(clock.Elapsed);

            Assert.Equal(200, status);
            var error = Assert.Single(body.GetProperty("errors").EnumerateArray());
            Assert.Equal("QUERY_LIMIT_EXCEEDED", error.GetProperty("extensions").GetProperty("code").GetString());
            Assert.Equal("Query selects 4294967296 fields with its fragments expanded, more than the maximum of 1000.", error.GetProperty("message").GetString());
            Assert.False(body.TryGetProperty("data", out _));
        }

        Assert.True(timings.Min() < TimeSpan.FromMilliseconds(100), $"refused after {string.Join(", ", timings.Select(t => $"{t.TotalMilliseconds:0} ms"))}");
    }
}
