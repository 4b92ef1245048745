namespace TokenOptimizer.Query.Filtering;

/// <summary>The relative time ranges a filter may name instead of <c>from</c>/<c>to</c>; each ends now.</summary>
public static class TimeRange
{
    public const string LastHour = "LAST_HOUR";
    public const string Last24Hours = "LAST_24_HOURS";
    public const string Last7Days = "LAST_7_DAYS";
    public const string Last30Days = "LAST_30_DAYS";
    public const string Last90Days = "LAST_90_DAYS";

    public static IReadOnlyDictionary<string, TimeSpan> Lengths { get; } = new Dictionary<string, TimeSpan>
    {
        [LastHour] = TimeSpan.FromHours(1),
        [Last24Hours] = TimeSpan.FromHours(24),
        [Last7Days] = TimeSpan.FromDays(7),
        [Last30Days] = TimeSpan.FromDays(30),
        [Last90Days] = TimeSpan.FromDays(90),
    };
}
