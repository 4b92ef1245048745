using CsCheck;

namespace TokenOptimizer.Ingestion.IntegrationTests.Bounds;

/// <summary>
/// Generators of <see cref="UsageCandidate"/>s across and beyond every bound: counts up to 2^63−1 and below zero, parts
/// that overflow their sum, NaN, ∞ and 1e300 durations, amounts too large or too fine, texts at and past their length in
/// 1- to 4-byte UTF-8, with control characters or unpaired surrogates, too many tags and capabilities. Each field is
/// within its bounds 24 times in 25, so about two records in five are valid throughout and most refused ones break one rule.
/// </summary>
internal static class UsageCandidates
{
    private const long MaxTokens = 1_000_000_000;
    private const double MaxLatencyMs = 604_800_000;
    private static readonly DateTimeOffset Earliest = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static Gen<T> Field<T>(Gen<T> within, Gen<T> beyond) => Gen.Frequency((24, within), (1, beyond));

    private static Gen<T?> OrNull<T>(Gen<T> gen) where T : class => Gen.Frequency((1, Gen.Const((T?)null)), (2, gen.Select(v => (T?)v)));

    private static Gen<string> Repeated(string unit, int min, int max) => Gen.Int[min, max].Select(n => string.Concat(Enumerable.Repeat(unit, n)));

    private static Gen<string> Inserted(Gen<string> text, Gen<string> insert) =>
        Gen.Select(text, insert, Gen.Int[0, 1000], (t, i, at) => t.Insert(at % (t.Length + 1), i));

    private static readonly Gen<string> Ascii = Gen.Char["abcdefghijklmnopqrstuvwxyz0123456789-_./: "].Array[1, 40].Select(c => new string(c)).Where(t => t.Trim().Length > 0);

    // 1- to 4-byte characters mixed; up to 100 of them is always within 200 UTF-16 characters and 400 bytes.
    private static Gen<string> Mixed(int min, int max) => Gen.OneOf("a", "é", "字", "😀").Array[min, max].Select(string.Concat);

    private static readonly Gen<string> Control = Gen.OneOf("\0", "\u0001", "\u0007", "\u001b", "\u001f", "\u007f", "\u0085", "\u009f", "\t", "\n", "\r");

    /// <summary>Non-blank, at most 200 characters and 400 bytes: exactly at either bound, too.</summary>
    private static readonly Gen<string> TextWithin = Gen.Frequency(
        (6, Ascii), (3, Mixed(1, 100)),
        (1, Gen.OneOf(new string('x', 200), new string('é', 200), new string('字', 133), string.Concat(Enumerable.Repeat("😀", 100)))));

    private static readonly Gen<string> TextBeyond = Gen.Frequency(
        (1, Repeated("x", 201, 205)), (1, Repeated("é", 201, 205)), (1, Repeated("字", 134, 140)), (1, Repeated("😀", 101, 103)),
        (1, Mixed(101, 160)), (3, Inserted(Ascii, Control)), (1, Inserted(Ascii, Gen.OneOf("\ud800", "\udfff"))));

    private static readonly Gen<string> Required = Field(TextWithin, Gen.Frequency((3, TextBeyond), (1, Gen.OneOf("", " "))));

    private static readonly Gen<string?> Optional = Field(Gen.Frequency((3, OrNull(TextWithin)), (1, Gen.OneOf<string?>("", " "))), TextBeyond.Select(t => (string?)t));

    private static readonly Gen<string?> ErrorMessage = Field(
        OrNull(Gen.Frequency((6, Ascii.Select(t => $"Provider said: {t}.\r\n\tRetry later.")), (1, Gen.OneOf(new string('e', 1000), new string('字', 1000))))),
        Gen.Frequency((1, Repeated("e", 1001, 1005)), (1, Repeated("字", 1001, 1005)), (2, Inserted(Ascii, Gen.OneOf("\0", "\u001b", "\u007f")))).Select(t => (string?)t));

    private static readonly Gen<long> Count = Gen.Frequency((6, Gen.Long[0, MaxTokens]), (1, Gen.OneOf(0L, MaxTokens)));

    private static readonly Gen<long> CountBeyond = Gen.OneOf(-1L, MaxTokens + 1, long.MaxValue, long.MinValue);

    private static readonly Gen<(long Input, long Cached, long Write)> Prompt = Field(
        Gen.Frequency(
            (6, Count.SelectMany(input => Gen.Long[0, input].SelectMany(cached => Gen.Long[0, input - cached].Select(write => (input, cached, write))))),
            (1, Gen.OneOf((MaxTokens, MaxTokens, 0L), (MaxTokens, 0L, MaxTokens), (0L, 0L, 0L)))),
        Gen.Frequency(
            (2, Gen.Select(Gen.Frequency((3, Count), (1, CountBeyond)), Gen.Frequency((3, Count), (1, CountBeyond)), Gen.Frequency((3, Count), (1, CountBeyond)))),
            (1, Gen.OneOf((0L, long.MaxValue, long.MaxValue), (MaxTokens, MaxTokens, 1L)))));

    private static readonly Gen<(long Output, long Reasoning)> Completion = Field(
        Count.SelectMany(output => Gen.Long[0, output].Select(reasoning => (output, reasoning))),
        Gen.Select(Gen.Frequency((3, Count), (1, CountBeyond)), Gen.Frequency((3, Count), (1, CountBeyond))));

    private static readonly Gen<double> Duration = Field(
        Gen.Frequency((8, Gen.Double[0, 120_000]), (1, Gen.Double[0, MaxLatencyMs]), (1, Gen.OneOf(0d, MaxLatencyMs, 0.0005))),
        Gen.OneOf(-0.5, MaxLatencyMs + 0.5, 1e300, double.MaxValue, double.NaN, double.PositiveInfinity, double.NegativeInfinity));

    private static readonly Gen<decimal?> Amount = Field(
        Gen.Frequency(
            (4, Gen.Const((decimal?)null)), (4, Gen.Long[0, 10_000_000_000_000_000].Select(n => (decimal?)(n / 10_000_000_000m))),
            (1, Gen.OneOf<decimal?>(0m, 1_000_000m, 1.5000000000000000000m, 0.0000000001m))),
        Gen.OneOf<decimal?>(-0.01m, 1_000_000.0000000001m, 0.00000000001m, 100_000_000_000_000_000_000m));

    private static readonly Gen<DateTimeOffset> OccurredAt = Field(
        Gen.Frequency((20, Gen.Double[0, 20 * 24 * 60].Select(minutes => DateTimeOffset.UtcNow.AddMinutes(-minutes))), (1, Gen.Const(Earliest))),
        Gen.OneOf(Earliest.AddSeconds(-1), DateTimeOffset.UtcNow.AddHours(1), DateTimeOffset.UtcNow.AddYears(3)));

    private static readonly Gen<IReadOnlyList<string>?> CapabilityList = Field(
        OrNull(Gen.OneOf("vision", "tools", "json_schema").Array[0, 10].Select(c => (IReadOnlyList<string>)c)),
        Gen.OneOf<IReadOnlyList<string>?>([.. Enumerable.Repeat("tools", 11)], ["tools", "telepathy"]));

    private static IReadOnlyList<KeyValuePair<string, string?>> Tags(string[] keys, string?[] values) =>
        [.. keys.Select((key, i) => KeyValuePair.Create($"{key}#{i}", values[i % values.Length]))];

    private static readonly Gen<IReadOnlyList<KeyValuePair<string, string?>>?> TagList = Field(
        OrNull(Gen.Select(Ascii.Array[0, 20], OrNull(TextWithin).Array[1, 20], Tags)),
        Gen.Frequency(
            (1, Gen.Select(Ascii.Array[21, 22], OrNull(TextWithin).Array[1, 3], Tags)),
            (2, Gen.Select(TextBeyond.Array[1, 2], Gen.Const(new[] { (string?)"v" }), Tags)),
            (2, Gen.Select(Ascii.Array[1, 3], TextBeyond.Array[1, 2].Select(v => v.Select(t => (string?)t).ToArray()), Tags)))
            .Select(t => (IReadOnlyList<KeyValuePair<string, string?>>?)t));

    private static readonly Gen<(string Field, string Json)?> Unreadable = Gen.Frequency(
        (30, Gen.Const(((string Field, string Json)?)null)),
        (1, Gen.OneOf<(string Field, string Json)?>(
            ("inputTokens", "9223372036854775808"), ("outputTokens", "1.5"), ("reasoningTokens", "\"many\""), ("latencyMs", "[]"),
            ("reportedCostUsd", "1e30"), ("billedAmountUsd", "true"), ("occurredAt", "\"yesterday\""), ("tags", "[1,2]"))));

    /// <summary>One candidate; its request id gets a unique suffix when sent.</summary>
    public static readonly Gen<UsageCandidate> Candidate =
        from names in Gen.Select(Required, Gen.Frequency((1, Gen.Const<(string, string)?>(("openai", "gpt-4o"))), (2, Gen.Select(Required, Required).Select(p => ((string, string)?)p))))
        from dimensions in Optional.Array[5]
        from prompt in Prompt
        from completion in Completion
        from estimated in Field(Gen.Frequency((3, Gen.Const((long?)null)), (2, Count.Select(c => (long?)c))), CountBeyond.Select(c => (long?)c))
        from timing in Gen.Select(OccurredAt, Duration, Gen.Frequency((2, Gen.Const((double?)null)), (1, Duration.Select(d => (double?)d))), Gen.Bool)
        from outcome in Gen.Select(
            Field(Gen.Frequency((3, Gen.Const("succeeded")), (1, Gen.Const("failed"))), Gen.OneOf("ok", "")),
            Field(Gen.OneOf<string?>(null, null, "timeout", "rate_limit"), Gen.Const((string?)"oops")),
            ErrorMessage,
            Field(Gen.OneOf<string?>(null, null, "standard", "batch"), Gen.Const((string?)"gold")))
        from amounts in Gen.Select(Amount, Amount)
        from capabilities in CapabilityList
        from tags in TagList
        from unreadable in Unreadable
        select new UsageCandidate
        {
            RequestId = names.Item1,
            OccurredAt = timing.Item1,
            Provider = names.Item2?.Item1, Model = names.Item2?.Item2,
            Feature = dimensions[0], Team = dimensions[1], Environment = dimensions[2], UserId = dimensions[3], ErrorCode = dimensions[4],
            InputTokens = prompt.Input, CachedInputTokens = prompt.Cached, CacheWriteTokens = prompt.Write,
            OutputTokens = completion.Output, ReasoningTokens = completion.Reasoning, EstimatedInputTokens = estimated,
            LatencyMs = timing.Item2, TimeToFirstTokenMs = timing.Item3, Streaming = timing.Item4,
            Outcome = outcome.Item1, ErrorType = outcome.Item2, ErrorMessage = outcome.Item3, ServiceTier = outcome.Item4,
            ReportedCostUsd = amounts.Item1, BilledAmountUsd = amounts.Item2,
            Capabilities = capabilities, Tags = tags, Unreadable = unreadable,
        };
}
