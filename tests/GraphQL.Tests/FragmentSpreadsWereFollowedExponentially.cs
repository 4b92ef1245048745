using System.Diagnostics;

namespace TokenOptimizer.GraphQL.Tests;

/// <summary>
/// Regression: the limits followed every fragment spread anew, so a 1.3 KB document of 32 fragments, each spreading
/// the next twice, made them visit 2^32 selections and kept a core busy long after the client had given up. Each
/// fragment is now measured once, with sums that saturate instead of overflowing.
/// </summary>
public class FragmentSpreadsWereFollowedExponentially
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    // { ...F0 } with F0 … F(n-1) each spreading the next twice, and F(n) selecting one field.
    private static string DoublingChain(int fragments) =>
        "{ ...F0 } " + string.Concat(Enumerable.Range(0, fragments).Select(i => $"fragment F{i} on Query {{ ...F{i + 1} ...F{i + 1} }} "))
        + $"fragment F{fragments} on Query {{ hello }}";

    private static async Task<(ExecutionResult Result, TimeSpan Took)> RunAsync(string query, GraphQLOptions? options = null)
    {
        var executor = new GraphQLExecutor(TestSchema.Build(), options);
        var clock = Stopwatch.StartNew();
        // On the old code this never finishes: fail after a while instead of hanging the run.
        var result = await Task.Run(() => executor.ExecuteAsync(new GraphQLRequest { Query = query })).WaitAsync(Patience);
        return (result, clock.Elapsed);
    }

    [Fact]
    public async Task ThirtyTwoDoublingFragments_AreRefusedAtOnce_WithTheirTrueFieldCount()
    {
        var query = DoublingChain(32);
        Assert.InRange(query.Length, 1_200, 1_400);

        var (result, took) = await RunAsync(query);

        Assert.Equal(RequestFailure.Limit, result.Failure);
        Assert.Equal(ErrorCodes.LimitExceeded, result.Errors![0].Code);
        Assert.Equal("Query selects 4294967296 fields with its fragments expanded, more than the maximum of 1000.", result.Errors[0].Message);
        Assert.True(took < TimeSpan.FromSeconds(1), $"took {took.TotalMilliseconds:0} ms");
    }

    [Fact]
    public async Task SeventyDoublingFragments_SaturateInsteadOfOverflowing()
    {
        // 2^70 fields: a wrapping 64-bit count would come out as 0 and let the document through.
        var (result, _) = await RunAsync(DoublingChain(70));

        Assert.Equal($"Query selects {long.MaxValue} fields with its fragments expanded, more than the maximum of 1000.", result.Errors![0].Message);
    }

    [Fact]
    public async Task CostOfADoublingChain_IsComputedOncePerFragment()
    {
        // 2^30 fields fit a field limit of int.MaxValue, so the cost check is the one that speaks: hello costs 1 each time.
        var (result, took) = await RunAsync(DoublingChain(30), new GraphQLOptions { MaxFields = int.MaxValue });

        Assert.Equal("Query cost 1073741824 exceeds the maximum allowed cost of 5000.", result.Errors![0].Message);
        Assert.True(took < TimeSpan.FromSeconds(1), $"took {took.TotalMilliseconds:0} ms");
    }

    [Fact]
    public async Task DepthOfADoublingChain_IsComputedOncePerFragment()
    {
        // Each fragment adds author { posts { … } } twice: depth 2 per fragment, 2^30 copies of the last one.
        var query = "{ posts { ...F0 } } " + string.Concat(Enumerable.Range(0, 30).Select(i =>
            $"fragment F{i} on Post {{ author {{ posts {{ ...F{i + 1} }} }} a: author {{ posts {{ ...F{i + 1} }} }} }} ")) + "fragment F30 on Post { id }";

        var (result, took) = await RunAsync(query);

        // posts, then 2 per fragment, then id: 1 + 2 × 30 + 1.
        Assert.Equal("Query depth 62 exceeds the maximum allowed depth of 15.", result.Errors![0].Message);
        Assert.True(took < TimeSpan.FromSeconds(1), $"took {took.TotalMilliseconds:0} ms");
    }
}
