using TokenOptimizer.Recommendations.Narrating;
using static TokenOptimizer.Recommendations.Tests.TestCatalog;
using TokenOptimizer.Testing;

namespace TokenOptimizer.Recommendations.Tests;

public sealed class NarratingRecommendations : IAsyncLifetime
{
    private static readonly RecommendationSummary[] Top =
    [
        new("Move summarise-ticket from stub-large to stub-small", 1234.5m, "same quality"),
        new("Turn on prompt caching for support-bot", 310m, "no change"),
    ];

    private ChatCompletionsStub _stub = null!;

    public async Task InitializeAsync() => _stub = await ChatCompletionsStub.StartAsync();

    public async Task DisposeAsync() => await _stub.DisposeAsync();

    [Fact]
    public async Task ConfiguredModel_ReturnsItsTextAndIsToldTheFigures()
    {
        // Given
        _stub.Respond = (_, _) => StubReply.Text("  Switching summaries to a smaller model saves about $1,234.50 a month.  ");
        using var host = RecommendationsHost.Create(_stub, ("Recommendations:Narrative:Provider", Provider), ("Recommendations:Narrative:Model", Small));

        // When
        var narrative = await host.Narrator.NarrateAsync(Top);

        // Then
        Assert.Equal("Switching summaries to a smaller model saves about $1,234.50 a month.", narrative);
        var request = Assert.Single(_stub.Requests).ToJsonString();
        Assert.Contains(Small, request, StringComparison.Ordinal);
        Assert.Contains("$1,234.50 a month; quality: same quality", request, StringComparison.Ordinal);
        Assert.Contains("$310.00 a month; quality: no change", request, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NotConfigured_ReturnsNullWithoutACall()
    {
        using var host = RecommendationsHost.Create(_stub);

        Assert.False(host.Narrator.IsEnabled);
        Assert.Null(await host.Narrator.NarrateAsync(Top));
        Assert.Empty(_stub.Requests);
    }

    [Fact]
    public async Task ProviderWithoutEndpoint_ReturnsNull()
    {
        using var host = RecommendationsHost.Create(_stub, ("Recommendations:Narrative:Provider", "mistral"), ("Recommendations:Narrative:Model", "mistral-small"));

        Assert.Null(await host.Narrator.NarrateAsync(Top));
    }

    [Fact]
    public async Task FailingEndpoint_ReturnsNull()
    {
        _stub.Respond = (_, _) => StubReply.Error(503);
        using var host = RecommendationsHost.Create(_stub, ("Recommendations:Narrative:Provider", Provider), ("Recommendations:Narrative:Model", Small));

        Assert.Null(await host.Narrator.NarrateAsync(Top));
        Assert.Single(_stub.Requests);
    }

    [Fact]
    public async Task SlowEndpoint_ReturnsNullAfterTheTimeout()
    {
        _stub.Respond = (_, _) => StubReply.Hang;
        using var host = RecommendationsHost.Create(
            _stub,
            ("Recommendations:Narrative:Provider", Provider),
            ("Recommendations:Narrative:Model", Small),
            ("Recommendations:Narrative:Timeout", "00:00:00.300"));

        Assert.Null(await host.Narrator.NarrateAsync(Top));
    }
}
