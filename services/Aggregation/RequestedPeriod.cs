namespace TokenOptimizer.Aggregation;

/// <summary>
/// The <c>from</c>/<c>to</c> query parameters of Aggregation's reads: each between 2000-01-01 (no usage is older) and a
/// year from now, so the default period's arithmetic cannot overflow; otherwise a 400 problem naming the parameter.
/// </summary>
public static class RequestedPeriod
{
    private static readonly DateTimeOffset EarliestUsage = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static IResult? Refusal(DateTimeOffset? from, DateTimeOffset? to, DateTimeOffset now) =>
        new[] { ("from", from), ("to", to) }.FirstOrDefault(p => p.Item2 is { } at && (at < EarliestUsage || at > now.AddYears(1))) is ({ } name, not null)
            ? Results.ValidationProblem(new Dictionary<string, string[]> { [name] = [$"'{name}' must lie between 2000-01-01 and a year from now."] },
                title: "The request is invalid.", detail: "Fix the fields listed under 'errors'.")
            : null;
}
