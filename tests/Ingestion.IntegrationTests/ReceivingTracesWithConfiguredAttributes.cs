using System.Globalization;
using System.Net;
using Xunit;
using static TokenOptimizer.Ingestion.IntegrationTests.OtlpRequests;

namespace TokenOptimizer.Ingestion.IntegrationTests;

/// <summary>
/// An organisation whose spans name feature, team, environment and user with attributes of its own, and which caps
/// the size of an export at 1 MiB.
/// </summary>
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

        var usage = (await host.FindIngestedAsync("payments", RequestIdOf(span)))!.Usage;
        Assert.Equal(("invoice-summary", "payments", "canary", "u-42"), (usage.Feature, usage.Team, usage.Environment, usage.UserId));
    }

    [Fact]
    public async Task NoConfiguredAttribute_LeavesTheFieldEmpty_AndTheFeatureDefault()
    {
        var span = Span(TimeSpan.FromSeconds(1), Chat("openai", "gpt-4o", 100, 10));

        await host.Http.PostAsync("/v1/traces", Body(Export([("service.name", "acme-api")], span)));

        var usage = (await host.FindIngestedAsync(null, RequestIdOf(span)))!.Usage;
        Assert.Equal(("default", null, null, null), (usage.Feature, usage.Team, usage.Environment, usage.UserId));
    }

    [Fact]
    public async Task GzipUnpackingPastTheCap_Gets413_WithoutReadingItAll()
    {
        // A few kilobytes of gzip that unpack to 2 MiB of zeros
        var response = await host.Http.PostAsync("/v1/traces", Body(new byte[2 * 1024 * 1024], Protobuf, gzip: true));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("more than 1048576 bytes once decompressed", Google.Rpc.Status.Parser.ParseFrom(await response.Content.ReadAsByteArrayAsync()).Message);
    }

    public sealed class Host : IngestionHost
    {
        protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
        {
            ["Otlp:Attributes:Feature"] = "acme.feature",
            ["Otlp:Attributes:Team"] = "acme.squad",
            ["Otlp:Attributes:Environment"] = "acme.stage",
            ["Otlp:Attributes:User"] = "acme.user",
            ["Otlp:MaxBodyBytes"] = (1024 * 1024).ToString(CultureInfo.InvariantCulture),
        };
    }
}
