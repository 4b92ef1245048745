using TokenOptimizer.Access.Http;
using TokenOptimizer.Aggregation.DefiningChannels;
using Xunit;

namespace TokenOptimizer.Aggregation.Tests;

/// <summary>A channel's terms are checked at the edge, each problem under the field's wire name.</summary>
public sealed class ValidatingChannelTerms
{
    private static readonly ChannelTermsValidator Validator = new();

    private static Dictionary<string, string[]> ErrorsOf(ChannelTerms terms) => WireNames.ErrorsOf(Validator.Validate(terms).Errors);

    [Fact]
    public void ValidChannels_Pass()
    {
        Assert.Empty(ErrorsOf(new() { Kind = ChannelKinds.Webhook, Url = "https://hooks.slack.com/services/T/B/x" }));
        Assert.Empty(ErrorsOf(new() { Kind = ChannelKinds.Email, Recipients = ["oncall@example.com"], QuietHours = new("22:00", "07:00", "Europe/Berlin") }));
    }

    [Fact]
    public void AWebhookWithoutAUrl_AndRecipients_IsRefusedNamingBoth()
    {
        var errors = ErrorsOf(new() { Kind = ChannelKinds.Webhook, Recipients = ["a@example.com"] });

        Assert.Equal(["recipients", "url"], errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void AnEmailWithABadAddress_IsRefusedNamingRecipients() =>
        Assert.Equal(["recipients"], ErrorsOf(new() { Kind = ChannelKinds.Email, Recipients = ["Someone <a@example.com>"] }).Keys);

    [Fact]
    public void BadQuietHours_AreRefusedNamingEachField()
    {
        var errors = ErrorsOf(new() { Kind = ChannelKinds.Email, Recipients = ["a@example.com"], QuietHours = new("25:00", "7", "Mars/Olympus") });

        Assert.Equal(3, errors.Count);
        Assert.All(errors.Keys, key => Assert.StartsWith("quietHours.", key, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("in-app")]
    [InlineData("Upper")]
    [InlineData("-lead")]
    public void ReservedOrMalformedIds_AreRefused(string channelId) => Assert.NotNull(ChannelTermsValidator.ProblemWithId(channelId));

    [Fact]
    public void UnknownKind_IsRefusedNamingKind() => Assert.Contains("kind", ErrorsOf(new() { Kind = "pager" }).Keys);
}
