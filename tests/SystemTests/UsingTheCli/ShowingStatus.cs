using System.Globalization;
using TokenOptimizer.SystemTests.Running;
using Xunit;

namespace TokenOptimizer.SystemTests.UsingTheCli;

/// <summary><c>tokenopt status</c>: today's and this month's spend and the month by model, as the calls add up.</summary>
[Collection(InTurnCollection.Name)]
public sealed class ShowingStatus(SharedSystem system)
{
    [Fact]
    public async Task Spend_TodayThisMonthAndByModel_IsWhatTheCallsCost()
    {
        var records = await system.RecordsAsync();
        var run = await CliRun.InvokeAsync(CliEnvironment.Isolated(system.QueryUrl.ToString(), system.ReadKey), "status");

        Assert.True(run.ExitCode == 0, run.Errors);
        var now = DateTimeOffset.UtcNow;
        var today = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        var month = new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero);
        var todays = records.Where(r => r.Usage.OccurredAt >= today).ToList();
        var months = records.Where(r => r.Usage.OccurredAt >= month).ToList();
        var lines = run.Output.Split('\n');
        Assert.Equal(todays.Where(r => r.Cost.Priced).Sum(r => r.Cost.TotalUsd), Figures.Usd(lines.Single(l => l.StartsWith("Spend today:", StringComparison.Ordinal))));
        Assert.Equal(months.Where(r => r.Cost.Priced).Sum(r => r.Cost.TotalUsd), Figures.Usd(lines.Single(l => l.StartsWith("Spend this month:", StringComparison.Ordinal))));
        // Unpriced calls are named only when there are some: just after midnight UTC, today may hold none of them.
        var unpricedToday = todays.Count(r => !r.Cost.Priced);
        Assert.Contains(unpricedToday == 0 ? $"({todays.Count} calls)" : $"({todays.Count} calls, {unpricedToday} unpriced", run.Output, StringComparison.Ordinal);
        foreach (var model in months.GroupBy(r => r.Usage.Model))
        {
            var row = run.Row(model.Key);
            Assert.Equal(model.Where(r => r.Cost.Priced).Sum(r => r.Cost.TotalUsd), Figures.Usd(row[1]));
            Assert.Equal(model.Count().ToString(CultureInfo.InvariantCulture), row[3]);
            Assert.Equal(model.Count(r => !r.Cost.Priced).ToString(CultureInfo.InvariantCulture), row[4]);
        }

        Assert.Contains(SharedSystem.UnknownModel, run.Output, StringComparison.Ordinal);
    }
}
