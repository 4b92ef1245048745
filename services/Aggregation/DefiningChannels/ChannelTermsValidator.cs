using System.Text.RegularExpressions;
using FluentValidation;
using MimeKit;
using TokenOptimizer.Access.Http;

namespace TokenOptimizer.Aggregation.DefiningChannels;

/// <summary>The shape rules of a channel's terms (<c>PUT /v1/channels/{channelId}</c>), each problem under the field's wire name.</summary>
public sealed partial class ChannelTermsValidator : AbstractValidator<ChannelTerms>
{
    public const int UrlMaxLength = 2000;
    public const int MaxRecipients = 20;
    public const int AddressMaxLength = 254;

    public ChannelTermsValidator()
    {
        RuleFor(t => t.Kind).Must(ChannelKinds.All.Contains).WithMessage($"'kind' must be one of: {string.Join(", ", ChannelKinds.All)}.");
        RuleFor(t => t.Url)
            .Must(url => url is not null && url.Length <= UrlMaxLength && Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
            .When(t => t.Kind == ChannelKinds.Webhook)
            .WithMessage($"'url' must be an absolute http(s) URL of at most {UrlMaxLength} characters for a webhook channel.")
            .IsStorableText(UrlMaxLength, UrlMaxLength * 4);
        RuleFor(t => t.Url).Null().When(t => t.Kind == ChannelKinds.Email).WithMessage("'url' is only for a webhook channel.");
        RuleFor(t => t.Recipients)
            .Must(r => r is { Count: > 0 and <= MaxRecipients } && r.All(IsAddress))
            .When(t => t.Kind == ChannelKinds.Email)
            .WithMessage($"'recipients' must hold 1 to {MaxRecipients} e-mail addresses (name@domain) for an e-mail channel.");
        RuleFor(t => t.Recipients).Null().When(t => t.Kind == ChannelKinds.Webhook).WithMessage("'recipients' is only for an e-mail channel.");
        When(t => t.QuietHours is not null, () =>
        {
            RuleFor(t => t.QuietHours!.Start).Must(QuietHours.IsTime).OverridePropertyName("quietHours.start")
                .WithMessage($"'quietHours.start' must be a time of day as {QuietHours.TimeFormat}.");
            RuleFor(t => t.QuietHours!.End).Must(QuietHours.IsTime).OverridePropertyName("quietHours.end")
                .WithMessage($"'quietHours.end' must be a time of day as {QuietHours.TimeFormat}.")
                .NotEqual(t => t.QuietHours!.Start).WithMessage("'quietHours.end' must differ from 'quietHours.start'.");
            RuleFor(t => t.QuietHours!.TimeZone).Must(IsIanaZone).OverridePropertyName("quietHours.timeZone")
                .WithMessage("'quietHours.timeZone' must be an IANA time zone such as Europe/Berlin.");
        });
    }

    /// <summary>Why <paramref name="channelId"/> cannot name a channel, or null.</summary>
    public static string? ProblemWithId(string channelId) =>
        channelId == NotificationChannels.InApp ? $"'{NotificationChannels.InApp}' is built in and cannot be defined."
        : ChannelId().IsMatch(channelId) ? null
        : "'channelId' must be 1–64 lowercase letters, digits or '-', starting with a letter or digit.";

    private static bool IsAddress(string address) =>
        address.Length <= AddressMaxLength && MailboxAddress.TryParse(address, out var mailbox) && mailbox is not null && string.IsNullOrEmpty(mailbox.Name) && mailbox.Address.Contains('@', StringComparison.Ordinal);

    private static bool IsIanaZone(string? zone) =>
        zone is { Length: > 0 and <= 64 } && TimeZoneInfo.TryFindSystemTimeZoneById(zone, out var found) && found.HasIanaId;

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,63}$")]
    private static partial Regex ChannelId();
}
