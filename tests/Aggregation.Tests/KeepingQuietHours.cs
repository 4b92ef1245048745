using TokenOptimizer.Aggregation.DefiningChannels;
using Xunit;

namespace TokenOptimizer.Aggregation.Tests;

/// <summary>Quiet hours hold a notification until they end, in the channel's own time zone, across midnight too.</summary>
public sealed class KeepingQuietHours
{
    private static readonly QuietHours Night = new("22:00", "07:00", "Europe/Berlin");

    [Fact]
    public void BeforeMidnight_HoldsUntilTheEndNextMorning()
    {
        // 23:30 in Berlin (UTC+1 in January) is 22:30 UTC; the hours end at 07:00 Berlin, 06:00 UTC, the next day.
        Assert.Equal(new DateTimeOffset(2026, 1, 16, 6, 0, 0, TimeSpan.Zero), Night.HoldsUntil(new DateTimeOffset(2026, 1, 15, 22, 30, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void AfterMidnight_HoldsUntilTheEndThatMorning()
    {
        // 03:00 Berlin summer time (UTC+2) is 01:00 UTC; 07:00 Berlin is 05:00 UTC the same day.
        Assert.Equal(new DateTimeOffset(2026, 7, 15, 5, 0, 0, TimeSpan.Zero), Night.HoldsUntil(new DateTimeOffset(2026, 7, 15, 1, 0, 0, TimeSpan.Zero)));
    }

    [Theory]
    [InlineData(7, 0)] // the end itself is no longer quiet
    [InlineData(12, 0)]
    [InlineData(21, 59)]
    public void OutsideThem_HoldsNothing(int hour, int minute)
    {
        var berlinWinter = new DateTimeOffset(2026, 1, 15, hour, minute, 0, TimeSpan.FromHours(1));
        Assert.Null(Night.HoldsUntil(berlinWinter));
    }

    [Fact]
    public void WithinADay_HoldsUntilTheEndThatDay()
    {
        var lunch = new QuietHours("12:00", "13:30", "Etc/UTC");
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 13, 30, 0, TimeSpan.Zero), lunch.HoldsUntil(new DateTimeOffset(2026, 3, 2, 12, 15, 0, TimeSpan.Zero)));
        Assert.Null(lunch.HoldsUntil(new DateTimeOffset(2026, 3, 2, 11, 59, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void AnEndInTheSpringForwardGap_EndsWhenTheClocksJump()
    {
        // Berlin skips 02:00–03:00 on 29 March 2026; quiet hours ending at 02:30 end at 03:00 local (01:00 UTC).
        var early = new QuietHours("01:00", "02:30", "Europe/Berlin");
        Assert.Equal(new DateTimeOffset(2026, 3, 29, 1, 0, 0, TimeSpan.Zero), early.HoldsUntil(new DateTimeOffset(2026, 3, 29, 0, 30, 0, TimeSpan.Zero)));
    }
}
