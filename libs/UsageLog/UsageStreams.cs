using System.Globalization;
using TokenOptimizer.Contracts;

namespace TokenOptimizer.UsageLog;

/// <summary>Where usage events live in the log and under which stored names.</summary>
public static class UsageStreams
{
    /// <summary>The one stream of <see cref="ModelPriceSet"/> events, appended at its expected version so concurrent admins conflict.</summary>
    public const string ModelPrices = "model-prices";

    /// <summary>How every usage stream's id starts.</summary>
    public const string Prefix = "usage:";

    /// <summary>
    /// The stream of one call: a request id is unique within its team, so (team, request id) is the idempotency key
    /// of the append. <c>usage:&lt;length of team&gt;:&lt;team&gt;:&lt;request id&gt;</c>: the team's length (in UTF-16
    /// code units) makes the key unambiguous whatever characters either part holds, without escaping that would
    /// lengthen it. A null or empty team is one scope of its own (<c>usage:0::&lt;request id&gt;</c>).
    /// </summary>
    public static string For(string? team, string requestId)
    {
        ArgumentNullException.ThrowIfNull(requestId);
        team ??= "";
        return string.Create(CultureInfo.InvariantCulture, $"{Prefix}{team.Length}:{team}:{requestId}");
    }

    /// <summary>The stream of <paramref name="usage"/>.</summary>
    public static string For(UsageRecorded usage)
    {
        ArgumentNullException.ThrowIfNull(usage);
        return For(usage.Team, usage.RequestId);
    }

    /// <summary>The team (empty for none) and request id of a usage stream's id; false for any other stream.</summary>
    public static bool TryParse(string streamId, out string team, out string requestId)
    {
        ArgumentNullException.ThrowIfNull(streamId);
        (team, requestId) = ("", "");
        if (!streamId.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var colon = streamId.IndexOf(':', Prefix.Length);
        if (colon < 0 || !int.TryParse(streamId.AsSpan(Prefix.Length, colon - Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var length)
            || colon + 1 + length >= streamId.Length || streamId[colon + 1 + length] != ':')
        {
            return false;
        }

        team = streamId.Substring(colon + 1, length);
        requestId = streamId[(colon + 2 + length)..];
        return true;
    }
}
