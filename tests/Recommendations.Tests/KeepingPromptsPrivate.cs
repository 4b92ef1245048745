using System.Text.Json;
using TokenOptimizer.Recommendations.TestingModels;
using static TokenOptimizer.Recommendations.Tests.TestCatalog;
using TokenOptimizer.Testing;

namespace TokenOptimizer.Recommendations.Tests;

public sealed class KeepingPromptsPrivate : IAsyncLifetime
{
    private const string Secret = "customer 4711 Jane Doe card 4111-1111-1111-1111";

    private ChatCompletionsStub _stub = null!;

    public async Task InitializeAsync() => _stub = await ChatCompletionsStub.StartAsync();

    public async Task DisposeAsync() => await _stub.DisposeAsync();

    [Fact]
    public async Task PromptsAndAnswers_AppearNeitherInTheResultNorInTheLogs()
    {
        // Given: answers that quote the prompt, and a candidate that fails, so every log path runs
        _stub.Respond = (model, prompt) => model == Small ? StubReply.Error(400) : StubReply.Text($"You said: {prompt}");
        using var host = RecommendationsHost.Create(_stub);
        var test = new RunModelTest { Current = new(Provider, Large), Candidate = new(Provider, Small), Prompts = [Secret] };

        // When
        var result = await host.Runner.RunAsync(test);

        // Then: the prompt did go out
        Assert.Contains(_stub.Requests, r => r.ToJsonString().Contains("4111-1111", StringComparison.Ordinal));
        Assert.DoesNotContain("4111-1111", JsonSerializer.Serialize(result), StringComparison.Ordinal);
        Assert.DoesNotContain("4111-1111", result.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("4111-1111", test.ToString(), StringComparison.Ordinal);
        Assert.Contains(host.Logs.Lines, line => line.Contains("Model test call failed", StringComparison.Ordinal));
        Assert.DoesNotContain(host.Logs.Lines, line => line.Contains("4111-1111", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ApiKey_IsSentButNeverLogged()
    {
        _stub.Respond = (model, _) => model == Small ? StubReply.Error(401) : StubReply.Text("ok");
        using var host = RecommendationsHost.Create(_stub);

        await host.Runner.RunAsync(new RunModelTest { Current = new(Provider, Large), Candidate = new(Provider, Small), Prompts = ["hi"] });

        Assert.Equal(RecommendationsHost.ApiKey, _stub.LastAuthorization?.Replace("Bearer ", "", StringComparison.Ordinal));
        Assert.DoesNotContain(host.Logs.Lines, line => line.Contains(RecommendationsHost.ApiKey, StringComparison.Ordinal));
    }
}
