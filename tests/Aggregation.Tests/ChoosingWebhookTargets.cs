using System.Net;
using Microsoft.Extensions.Options;
using TokenOptimizer.Aggregation.DeliveringWebhooks;
using Xunit;

namespace TokenOptimizer.Aggregation.Tests;

/// <summary>Which addresses a webhook may reach, including addresses that carry an internal one inside them, and what the allow-list opens.</summary>
public sealed class ChoosingWebhookTargets
{
    private static WebhookTargets Targets(params string[] allowed) => new(Options.Create(new WebhookOptions { AllowedHosts = [.. allowed] }));

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("1.1.1.1")]
    [InlineData("2606:4700:4700::1111")]
    [InlineData("::ffff:8.8.8.8")]
    [InlineData("64:ff9b::808:808")]
    public void PublicAddress_IsAllowed(string address) => Assert.Null(Targets().WhyRefused(IPAddress.Parse(address)));

    [Theory]
    [InlineData("64:ff9b::a9fe:a9fe", "the cloud metadata")]
    [InlineData("2002:a9fe:a9fe::1", "the cloud metadata")]
    [InlineData("2002:7f00:1::1", "a loopback")]
    [InlineData("::ffff:10.0.0.1", "a private")]
    [InlineData("::127.0.0.1", "an unspecified or IPv4-compatible")]
    [InlineData("::", "an unspecified or IPv4-compatible")]
    [InlineData("255.255.255.255", "a reserved")]
    public void AddressCarryingAnInternalOne_IsRefused(string address, string what) =>
        Assert.Equal(what, Targets().WhyRefused(IPAddress.Parse(address)));

    [Fact]
    public void AllowList_OpensItsRangesAndNames_AndNothingElse()
    {
        var targets = Targets("10.1.0.0/16", "192.168.7.7", "hooks.internal");

        Assert.Null(targets.RefusalOf("http://10.1.2.3/hook"));
        Assert.Null(targets.RefusalOf("http://192.168.7.7/hook"));
        Assert.Null(targets.RefusalOf("https://HOOKS.internal/hook"));
        Assert.NotNull(targets.RefusalOf("http://10.2.0.1/hook"));
        Assert.NotNull(targets.RefusalOf("http://192.168.7.8/hook"));
        Assert.NotNull(targets.RefusalOf("http://127.0.0.1/hook"));
    }

    [Theory]
    [InlineData("https://hooks.slack.com/services/T0/B0/x")]
    [InlineData("not a url")]
    [InlineData("ftp://10.0.0.1/")]
    public void NameOrUrlTheBudgetRulesJudge_IsNotRefusedHere(string url) => Assert.Null(Targets().RefusalOf(url));
}
