namespace TokenOptimizer.ReadModels;

/// <summary>A budget period [Start, End) in UTC; periods start at midnight on the reset day.</summary>
public readonly record struct BudgetPeriod(DateTimeOffset Start, DateTimeOffset End)
{
    public static BudgetPeriod Containing(BudgetTerms terms, DateTimeOffset at)
    {
        var day = new DateTimeOffset(at.UtcDateTime.Date, TimeSpan.Zero);
        switch (terms.Period)
        {
            case BudgetPeriods.Day:
                return new(day, day.AddDays(1));
            case BudgetPeriods.Week:
                var isoDay = ((int)day.DayOfWeek + 6) % 7 + 1;
                var start = day.AddDays(-((isoDay - terms.ResetDay + 7) % 7));
                return new(start, start.AddDays(7));
            default:
                var monthStart = new DateTimeOffset(day.Year, day.Month, terms.ResetDay, 0, 0, 0, TimeSpan.Zero);
                if (monthStart > day)
                {
                    monthStart = monthStart.AddMonths(-1);
                }

                return new(monthStart, monthStart.AddMonths(1));
        }
    }
}
