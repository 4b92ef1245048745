namespace TokenOptimizer.Aggregation.DefiningChannels;

/// <summary>
/// Where a channel sends notifications: a <c>webhook</c> (a Slack-compatible URL) or <c>email</c> (recipients), with
/// optional quiet hours. The URL often carries a secret (Slack's does): only admins see it.
/// </summary>
public sealed record ChannelTerms
{
    /// <summary><see cref="ChannelKinds"/>: <c>webhook</c> or <c>email</c>.</summary>
    public required string Kind { get; init; }

    /// <summary>The webhook's URL; only for a webhook.</summary>
    public string? Url { get; init; }

    /// <summary>The e-mail addresses; only for e-mail.</summary>
    public IReadOnlyList<string>? Recipients { get; init; }

    public QuietHours? QuietHours { get; init; }
}

public static class ChannelKinds
{
    public const string Webhook = "webhook";
    public const string Email = "email";

    public static readonly IReadOnlyList<string> All = [Webhook, Email];
}
