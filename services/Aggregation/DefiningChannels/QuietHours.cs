using System.Globalization;

namespace TokenOptimizer.Aggregation.DefiningChannels;

/// <summary>
/// A daily window (<c>HH:mm</c> to <c>HH:mm</c> in an IANA time zone, across midnight when the end comes first) in which a
/// channel holds <c>info</c> and <c>warning</c> notifications until the window ends; <c>critical</c> ones go through.
/// </summary>
public sealed record QuietHours(string Start, string End, string TimeZone)
{
    public const string TimeFormat = "HH:mm";

    /// <summary>When the quiet hours holding <paramref name="now"/> end, or null when <paramref name="now"/> is outside them.</summary>
    public DateTimeOffset? HoldsUntil(DateTimeOffset now)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(TimeZone);
        var local = TimeZoneInfo.ConvertTime(now, zone);
        var time = TimeOnly.FromDateTime(local.DateTime);
        var (start, end) = (Parse(Start), Parse(End));
        var quiet = start < end ? time >= start && time < end : time >= start || time < end;
        if (!quiet)
        {
            return null;
        }

        var endDate = DateOnly.FromDateTime(local.DateTime).AddDays(time < end ? 0 : 1);
        var endLocal = endDate.ToDateTime(end);
        // An end that falls into a spring-forward gap does not exist on that day: the window ends when the clocks jump.
        while (zone.IsInvalidTime(endLocal))
        {
            endLocal = endLocal.AddMinutes(1);
        }

        return new DateTimeOffset(endLocal, zone.GetUtcOffset(endLocal));
    }

    public static bool IsTime(string? value) => TimeOnly.TryParseExact(value, TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out _);

    private static TimeOnly Parse(string value) => TimeOnly.ParseExact(value, TimeFormat, CultureInfo.InvariantCulture);
}
