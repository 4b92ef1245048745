using Xunit;
using static TokenOptimizer.Ingestion.IntegrationTests.OtlpRequests;

namespace TokenOptimizer.Ingestion.IntegrationTests;

/// <summary>An organisation whose spans name feature, team, environment and user with attributes of its own.</summary>
public sealed class ReceivingTracesWithConfiguredAttributes(ReceivingTracesWithConfiguredAttributes.Host host)
    : IClassFixture<ReceivingTracesWithConfiguredAttributes.Host>
{
    [Fact]
    public async Task ConfiguredAttributeNames_AreMapped_AndTheDefaultsNoLonger()
    {
        var span = Span(
            TimeSpan.FromSeconds(1),
            [.. Chat("openai", "gpt-4o", 100, 10), ("acme.feature", "invoice-summary"), ("tokenopt.feature", "not-this-one"), ("acme.user", "u-42")]);
        var export = Export([("service.name", "acme-api"), ("acme.squad", "payments"), ("acme.stage", "canary"), ("tokenopt.team", "not-this-team")], span);

        await host.Http.PostAsync("/v1/traces", Body(export));

        var usage = (await host.FindIngestedAsync(RequestIdOf(span)))!.Usage;
        Assert.Equal(("invoice-summary", "payments", "canary", "u-42"), (usage.Feature, usage.Team, usage.Environment, usage.UserId));
    }

    [Fact]
    public async Task NoConfiguredAttribute_LeavesTheFieldEmpty_AndTheFeatureDefault()
    {
        var span = Span(TimeSpan.FromSeconds(1), Chat("openai", "gpt-4o", 100, 10));

        await host.Http.PostAsync("/v1/traces", Body(Export([("service.name", "acme-api")], span)));

        var usage = (await host.FindIngestedAsync(RequestIdOf(span)))!.Usage;
        Assert.Equal(("default", null, null, null), (usage.Feature, usage.Team, usage.Environment, usage.UserId));
    }

    public sealed class Host : IngestionHost
    {
        protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
        {
            ["Otlp:Attributes:Feature"] = "acme.feature",
            ["Otlp:Attributes:Team"] = "acme.squad",
            ["Otlp:Attributes:Environment"] = "acme.stage",
            ["Otlp:Attributes:User"] = "acme.user",
        };
    }
}
