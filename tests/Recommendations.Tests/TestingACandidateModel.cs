using TokenOptimizer.Recommendations.TestingModels;
using static TokenOptimizer.Recommendations.Tests.TestCatalog;
using TokenOptimizer.Testing;

namespace TokenOptimizer.Recommendations.Tests;

public sealed class TestingACandidateModel : IAsyncLifetime
{
    private static readonly ModelUnderTest Current = new(Provider, Large);
    private static readonly ModelUnderTest Candidate = new(Provider, Small);

    private ChatCompletionsStub _stub = null!;

    public async Task InitializeAsync() => _stub = await ChatCompletionsStub.StartAsync();

    public async Task DisposeAsync() => await _stub.DisposeAsync();

    [Fact]
    public async Task BothModelsAnswer_LatencyTokensAndCostAreRecordedForEach()
    {
        // Given
        _stub.Respond = (model, _) => model == Large
            ? StubReply.Text("Paris is the capital of France.", promptTokens: 120, completionTokens: 30)
            : StubReply.Text("The capital of France is Paris.", promptTokens: 100, completionTokens: 20);
        using var host = RecommendationsHost.Create(_stub);

        // When
        var result = await host.Runner.RunAsync(Test("What is the capital of France?", "And of Italy?"));

        // Then
        Assert.Equal(new[] { 0, 1 }, result.Prompts.Select(p => p.PromptIndex));
        Assert.Equal(4, _stub.Requests.Count);
        foreach (var row in result.Prompts)
        {
            Assert.Equal(CallOutcome.Succeeded, row.Current.Outcome);
            Assert.Equal((120, 30), (row.Current.InputTokens, row.Current.OutputTokens));
            Assert.Equal(120 * LargeInputPerToken + 30 * LargeOutputPerToken, row.Current.CostUsd);
            Assert.True(row.Current.LatencyMs > 0);

            Assert.Equal(CallOutcome.Succeeded, row.Candidate.Outcome);
            Assert.Equal((100, 20), (row.Candidate.InputTokens, row.Candidate.OutputTokens));
            Assert.Equal(100 * SmallInputPerToken + 20 * SmallOutputPerToken, row.Candidate.CostUsd);
            Assert.True(row.Candidate.LatencyMs > 0);
        }

        var summary = result.Summary;
        Assert.Equal(2 * (120 * LargeInputPerToken + 30 * LargeOutputPerToken), summary.Current.TotalCostUsd);
        Assert.Equal(2 * (100 * SmallInputPerToken + 20 * SmallOutputPerToken), summary.Candidate.TotalCostUsd);
        Assert.Equal((240, 60), (summary.Current.InputTokens, summary.Current.OutputTokens));
        Assert.Equal(result.Prompts.Average(p => p.Current.LatencyMs), summary.Current.AverageLatencyMs);
        Assert.Equal(result.Prompts.Average(p => p.Candidate.LatencyMs), summary.Candidate.AverageLatencyMs);
        Assert.Equal((2, 0, 2, 0), (summary.Current.Succeeded, summary.Current.Failed, summary.Candidate.Succeeded, summary.Candidate.Failed));
        Assert.Equal(2, summary.ComparedPrompts);
    }

    [Fact]
    public async Task IdenticalAnswers_AgreeFully_DifferentAnswers_AgreeLess()
    {
        // Given: the same answer to the first prompt, a different one to the second
        _stub.Respond = (model, prompt) => prompt == "same"
            ? StubReply.Text("The answer is 42.")
            : StubReply.Text(model == Large ? "Refund approved for order 17." : "Please contact support.");
        using var host = RecommendationsHost.Create(_stub);

        // When
        var result = await host.Runner.RunAsync(Test("same", "different"));

        // Then
        Assert.Equal(1d, result.Prompts[0].Agreement);
        Assert.Equal(0d, result.Prompts[1].Agreement);
        Assert.Equal(0.5d, result.Summary.MeanAgreement);
    }

    [Fact]
    public async Task CandidateTimesOut_ItsCallIsFailedAndTheRunCompletes()
    {
        // Given: the candidate never answers the first prompt
        _stub.Respond = (model, prompt) => model == Small && prompt == "slow" ? StubReply.Hang : StubReply.Text("fine");
        using var host = RecommendationsHost.Create(_stub);

        // When
        // The timeout leaves the quick calls room on a loaded machine (CI saw one take 888 ms against 300 ms).
        var result = await host.Runner.RunAsync(Test("slow", "quick") with { CallTimeout = TimeSpan.FromSeconds(3) });

        // Then
        var timedOut = result.Prompts[0].Candidate;
        Assert.Equal((CallOutcome.Failed, CallErrorKind.Timeout), (timedOut.Outcome, timedOut.Error));
        // Timers may fire a little early against the stopwatch; what matters is that the call was given up on.
        Assert.True(timedOut.LatencyMs >= 2_900, $"gave up after {timedOut.LatencyMs} ms");
        Assert.Null(timedOut.CostUsd);
        Assert.Null(result.Prompts[0].Agreement);
        Assert.Equal(CallOutcome.Succeeded, result.Prompts[0].Current.Outcome);
        Assert.All(result.Prompts.Skip(1), p => Assert.Equal((CallOutcome.Succeeded, CallOutcome.Succeeded), (p.Current.Outcome, p.Candidate.Outcome)));
        Assert.Equal(1, result.Summary.Candidate.Failed);
        Assert.Equal(1, result.Summary.Candidate.FailuresByKind[CallErrorKind.Timeout]);
        Assert.Equal(1d, result.Summary.MeanAgreement);
    }

    [Fact]
    public async Task CandidateAnswers500_ItsCallIsFailedWithTheStatusAndTheRunCompletes()
    {
        // Given
        _stub.Respond = (model, _) => model == Small ? StubReply.Error(500) : StubReply.Text("fine");
        using var host = RecommendationsHost.Create(_stub);

        // When
        var result = await host.Runner.RunAsync(Test("one", "two", "three"));

        // Then
        Assert.Equal(3, result.Prompts.Count);
        Assert.All(result.Prompts, p =>
        {
            Assert.Equal((CallOutcome.Failed, CallErrorKind.HttpStatus, 500), (p.Candidate.Outcome, p.Candidate.Error, p.Candidate.HttpStatus));
            Assert.Equal(CallOutcome.Succeeded, p.Current.Outcome);
            Assert.Null(p.Agreement);
        });
        // One request per call: a failed call is measured once, not retried.
        Assert.Equal(6, _stub.Requests.Count);
        Assert.Equal(3, result.Summary.Candidate.Failed);
        Assert.Equal(0m, result.Summary.Candidate.TotalCostUsd);
        Assert.Null(result.Summary.Candidate.AverageLatencyMs);
        Assert.Null(result.Summary.MeanAgreement);
    }

    [Fact]
    public async Task ProviderWithoutEndpoint_ItsCallsFailAsNotConfigured()
    {
        using var host = RecommendationsHost.Create(_stub);

        var result = await host.Runner.RunAsync(Test("hello") with { Candidate = new ModelUnderTest("mistral", "mistral-small") });

        Assert.Equal(CallErrorKind.NotConfigured, Assert.Single(result.Prompts).Candidate.Error);
        Assert.Equal(CallOutcome.Succeeded, result.Prompts[0].Current.Outcome);
    }

    [Fact]
    public async Task UnreachableEndpoint_ItsCallsFailAsNetwork()
    {
        // Given: a port nothing listens on any more
        var gone = await ChatCompletionsStub.StartAsync();
        var goneUrl = gone.BaseUrl.ToString();
        await gone.DisposeAsync();
        using var host = RecommendationsHost.Create(_stub, ("Recommendations:Endpoints:gone:BaseUrl", goneUrl));

        var result = await host.Runner.RunAsync(Test("hello") with { Candidate = new ModelUnderTest("gone", Small) });

        Assert.Equal(CallErrorKind.Network, Assert.Single(result.Prompts).Candidate.Error);
    }

    [Fact]
    public async Task ModelWithoutPrice_IsUnpricedNotFree()
    {
        using var host = RecommendationsHost.Create(_stub);

        var result = await host.Runner.RunAsync(Test("hello") with { Candidate = new ModelUnderTest(Provider, "stub-unlisted") });

        var call = Assert.Single(result.Prompts).Candidate;
        Assert.Equal(CallOutcome.Succeeded, call.Outcome);
        Assert.Null(call.CostUsd);
        Assert.NotNull(call.UnpricedReason);
        Assert.Equal(1, result.Summary.Candidate.UnpricedCalls);
    }

    [Fact]
    public async Task EmptyPrompt_IsRejectedByIndexBeforeAnyCall()
    {
        using var host = RecommendationsHost.Create(_stub);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => host.Runner.RunAsync(Test("fine", " ")));

        Assert.Contains("Prompt 1", error.Message, StringComparison.Ordinal);
        Assert.Empty(_stub.Requests);
    }

    private static RunModelTest Test(params string[] prompts) => new() { Current = Current, Candidate = Candidate, Prompts = prompts };
}
