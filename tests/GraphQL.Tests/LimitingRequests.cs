namespace TokenOptimizer.GraphQL.Tests;

public class LimitingRequests
{
    private static async Task<ExecutionResult> RunAsync(string query, GraphQLOptions options) =>
        await new GraphQLExecutor(TestSchema.Build(), options).ExecuteAsync(new GraphQLRequest { Query = query });

    [Fact]
    public async Task OversizedDocument_IsRejected()
    {
        var result = await RunAsync("{ hello }" + new string(' ', 100), new GraphQLOptions { MaxDocumentLength = 50 });

        Assert.Equal(RequestFailure.Limit, result.Failure);
        Assert.Equal(ErrorCodes.LimitExceeded, result.Errors![0].Code);
        Assert.Contains("exceeds the maximum allowed length of 50", result.Errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TooManyTokens_StopsTheParser()
    {
        var result = await RunAsync("{ " + string.Join(" ", Enumerable.Repeat("hello", 50)) + " }", new GraphQLOptions { MaxTokens = 20 });

        Assert.Equal(ErrorCodes.LimitExceeded, result.Errors![0].Code);
        Assert.Contains("more than 20 tokens", result.Errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TooDeep_IsRejected()
    {
        var result = await RunAsync("{ posts { author { posts { author { name } } } } }", new GraphQLOptions { MaxDepth = 4 });

        Assert.Equal(ErrorCodes.LimitExceeded, result.Errors![0].Code);
        Assert.Equal("Query depth 5 exceeds the maximum allowed depth of 4.", result.Errors[0].Message);
    }

    [Fact]
    public async Task DepthCountsThroughFragments()
    {
        var result = await RunAsync("{ posts { ...P } } fragment P on Post { author { posts { id } } }", new GraphQLOptions { MaxDepth = 3 });

        Assert.Equal("Query depth 4 exceeds the maximum allowed depth of 3.", result.Errors![0].Message);
    }

    [Fact]
    public async Task TooCostly_IsRejected()
    {
        // Lists count ten times: posts 1 + 10 × (author 1 + posts 1 + 10 × (author 1 + posts 1 + 10 × id 1)) = 1221.
        var result = await RunAsync("{ posts { author { posts { author { posts { id } } } } } }", new GraphQLOptions { MaxCost = 1000 });

        Assert.Equal("Query cost 1221 exceeds the maximum allowed cost of 1000.", result.Errors![0].Message);
    }

    [Theory]
    [InlineData("selections")]
    [InlineData("inline fragments")]
    [InlineData("lists")]
    [InlineData("objects")]
    [InlineData("list types")]
    public async Task DeepNesting_IsRefusedInsteadOfOverflowingTheStack(string shape)
    {
        var query = shape switch
        {
            "selections" => string.Concat(Enumerable.Repeat("{ posts ", 5_000)) + new string('}', 5_000),
            "inline fragments" => "{ " + string.Concat(Enumerable.Repeat("... on Query { ", 5_000)) + "hello" + new string('}', 5_001),
            "lists" => "{ echo(input: { title: " + new string('[', 5_000) + new string(']', 5_000) + " }) }",
            "objects" => "{ echo(input: " + string.Concat(Enumerable.Repeat("{ title: ", 5_000)) + "\"t\"" + new string('}', 5_000) + ") }",
            _ => "query Q($v: " + new string('[', 5_000) + "String" + new string(']', 5_000) + ") { hello }",
        };

        var result = await RunAsync(query, new GraphQLOptions { MaxTokens = 100_000, MaxDocumentLength = 1_000_000 });

        Assert.Equal(ErrorCodes.LimitExceeded, result.Errors![0].Code);
        Assert.Contains("nesting exceeds the maximum depth of 128", result.Errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LongFragmentChain_DoesNotCrash()
    {
        var fragments = string.Concat(Enumerable.Range(0, 3_000).Select(i => $"fragment F{i} on Query {{ ...F{i + 1} }} "));
        var query = "{ ...F0 } " + fragments + "fragment F3000 on Query { hello }";

        var result = await RunAsync(query, new GraphQLOptions { MaxTokens = 1_000_000, MaxDocumentLength = 1_000_000, MaxDepth = 10_000, MaxFragments = 10_000 });

        Assert.True(result.Errors is null || result.Errors[0].Code == ErrorCodes.LimitExceeded, result.Errors?[0].Message);
    }

    [Fact]
    public async Task FragmentSpreadTwice_CountsItsFieldsTwice()
    {
        // posts, post, and P's two fields under each: 2 + 2 × 2.
        var result = await RunAsync(
            "{ posts { ...P } post(id: \"p1\") { ...P } } fragment P on Post { id title }", new GraphQLOptions { MaxFields = 5 });

        Assert.Equal(ErrorCodes.LimitExceeded, result.Errors![0].Code);
        Assert.Equal("Query selects 6 fields with its fragments expanded, more than the maximum of 5.", result.Errors[0].Message);
    }

    [Fact]
    public async Task TooManyAliases_AreRefused()
    {
        var result = await RunAsync("{ a: hello b: hello c: hello }", new GraphQLOptions { MaxAliases = 2 });

        Assert.Equal(ErrorCodes.LimitExceeded, result.Errors![0].Code);
        Assert.Equal("Query uses 3 aliases with its fragments expanded, more than the maximum of 2.", result.Errors[0].Message);
    }

    [Fact]
    public async Task AliasesInAFragment_CountWhereverItIsSpread()
    {
        var result = await RunAsync(
            "{ posts { ...A } post(id: \"p1\") { ...A } } fragment A on Post { x: id y: title }", new GraphQLOptions { MaxAliases = 3 });

        Assert.Equal("Query uses 4 aliases with its fragments expanded, more than the maximum of 3.", result.Errors![0].Message);
    }

    [Fact]
    public async Task TooManyFieldsWritten_StopTheParser()
    {
        var result = await RunAsync("{ hello hello hello hello }", new GraphQLOptions { MaxFields = 3 });

        Assert.Equal(RequestFailure.Limit, result.Failure);
        Assert.Equal(ErrorCodes.LimitExceeded, result.Errors![0].Code);
        Assert.Contains("Document contains more than 3 fields", result.Errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TooManyFragments_StopTheParser()
    {
        var result = await RunAsync(
            "{ ...A ...B ...C } fragment A on Query { hello } fragment B on Query { hello } fragment C on Query { hello }", new GraphQLOptions { MaxFragments = 2 });

        Assert.Equal(ErrorCodes.LimitExceeded, result.Errors![0].Code);
        Assert.Contains("Document defines more than 2 fragments", result.Errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithinLimits_Executes()
    {
        var result = await RunAsync("{ posts { id } }", new GraphQLOptions { MaxDepth = 2, MaxCost = 11 });

        Assert.Null(result.Errors);
    }
}
