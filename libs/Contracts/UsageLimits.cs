namespace TokenOptimizer.Contracts;

/// <summary>
/// The bounds a <see cref="UsageRecorded"/> must keep; anything beyond them is rejected (and quarantined), not cut.
/// They are chosen so that every record accepted can be stored and rolled up: no sum overflows, no text breaks
/// PostgreSQL, no key outgrows an index entry.
/// </summary>
/// <remarks>
/// <para><b>Counts.</b> Every token count is 0 to <see cref="MaxTokens"/>. The largest prompt priced anywhere we know of
/// held 220 million tokens; the largest context windows sold hold 10 million. A day's rollup row at the most records
/// one Ingestion instance takes (~20,000 a second, all maximal) stays under 2·10¹⁸, a fifth of a bigint.</para>
/// <para><b>Durations.</b> <see cref="UsageRecorded.LatencyMs"/> and <see cref="UsageRecorded.TimeToFirstTokenMs"/> are
/// finite, 0 to <see cref="MaxLatencyMs"/> (a week: batch jobs finish within a day, a call does not last a year).</para>
/// <para><b>Money.</b> <see cref="UsageRecorded.ReportedCostUsd"/> and <see cref="UsageRecorded.BilledAmountUsd"/> are 0 to
/// <see cref="MaxAmountUsd"/> with at most <see cref="MaxAmountDecimalPlaces"/> decimal places, so sums stay exact
/// within <see langword="decimal"/>'s 28 digits.</para>
/// <para><b>Text.</b> Every string, tag keys and values included, holds no control characters (U+0000–U+001F,
/// U+007F–U+009F; only <see cref="UsageRecorded.ErrorMessage"/> may hold tab, line feed and carriage return) and no
/// unpaired surrogates. Lengths are bounded twice: in characters (UTF-16 code units, as .NET and JavaScript count them)
/// and in UTF-8 bytes, because rollup keys join six identifiers and PostgreSQL refuses an index entry over 2,704 bytes
/// (six identifiers of <see cref="IdentifierMaxBytes"/> and the key's other columns take under 2,500 bytes).</para>
/// </remarks>
public static class UsageLimits
{
    /// <summary>Most records in one HTTP batch (a bigger one is refused whole) or one append of a <see cref="UsageBatchRecorded"/> (a bigger one is stored in chunks of this size).</summary>
    public const int MaxBatchSize = 1000;

    /// <summary>Longest request id, provider, model, feature, team, environment, user id, API key id or error code, in characters.</summary>
    public const int IdentifierMaxLength = 200;

    /// <summary>Longest identifier in UTF-8 bytes: 200 ASCII or 2-byte characters, 133 of 3 bytes (CJK), 100 of 4 bytes.</summary>
    public const int IdentifierMaxBytes = 400;

    /// <summary>Longest <see cref="UsageRecorded.ErrorMessage"/>, in characters.</summary>
    public const int ErrorMessageMaxLength = 1000;

    /// <summary>Longest <see cref="UsageRecorded.ErrorMessage"/> in UTF-8 bytes.</summary>
    public const int ErrorMessageMaxBytes = 3000;

    /// <summary>Most entries in <see cref="UsageRecorded.Tags"/>.</summary>
    public const int MaxTags = 20;

    /// <summary>Longest tag key or value, in characters.</summary>
    public const int TagMaxLength = 200;

    /// <summary>Longest tag key or value in UTF-8 bytes.</summary>
    public const int TagMaxBytes = 400;

    /// <summary>Most entries in <see cref="UsageRecorded.Capabilities"/>.</summary>
    public const int MaxCapabilities = 10;

    /// <summary>Largest token count of any kind, estimated input tokens included: a billion.</summary>
    public const long MaxTokens = 1_000_000_000;

    /// <summary>Longest <see cref="UsageRecorded.LatencyMs"/> or <see cref="UsageRecorded.TimeToFirstTokenMs"/>: a week, in milliseconds.</summary>
    public const double MaxLatencyMs = 7 * 24 * 3_600_000d;

    /// <summary>Largest <see cref="UsageRecorded.ReportedCostUsd"/> or <see cref="UsageRecorded.BilledAmountUsd"/>: a million dollars.</summary>
    public const decimal MaxAmountUsd = 1_000_000m;

    /// <summary>Most decimal places of an amount in USD.</summary>
    public const int MaxAmountDecimalPlaces = 10;

    /// <summary>How far in the future <see cref="UsageRecorded.OccurredAt"/> may be (clock skew).</summary>
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(10);
}
