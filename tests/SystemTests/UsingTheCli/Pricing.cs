using System.Globalization;
using TokenOptimizer.SystemTests.Running;
using TokenOptimizer.Testing;
using Xunit;

namespace TokenOptimizer.SystemTests.UsingTheCli;

/// <summary><c>tokenopt unpriced</c>, <c>prices set</c> and <c>prices list</c>: models without a price, and giving one a price.</summary>
[Collection(InTurnCollection.Name)]
public sealed class Pricing(SharedSystem system)
{
    [Fact]
    public async Task Unpriced_ListsEveryModelWithUnpricedCalls_AndHowMany()
    {
        var records = await system.RecordsAsync();
        var run = await CliRun.InvokeAsync(CliEnvironment.Isolated(system.QueryUrl.ToString(), system.ReadKey), "unpriced");

        Assert.True(run.ExitCode == 0, run.Errors);
        var expected = records.Where(r => !r.Cost.Priced).GroupBy(r => r.Usage.Model).ToDictionary(g => g.Key, g => g.Count());
        var rows = run.Rows().Skip(1).ToList();
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), rows.Select(r => r[0]).Order(StringComparer.Ordinal));
        foreach (var row in rows)
        {
            Assert.Equal(expected[row[0]].ToString(CultureInfo.InvariantCulture), row[2]);
            Assert.Equal(records.Count(r => r.Usage.Model == row[0]).ToString(CultureInfo.InvariantCulture), row[3]);
        }

        Assert.Equal(["acme-llm-7", "acme", "12", "12"], run.Row(SharedSystem.UnknownModel));
    }

    [Fact]
    public async Task SetThenList_ShowsThePrice_AndADryRunTellsWhatItWouldReprice()
    {
        var records = await system.RecordsAsync();
        var admin = CliEnvironment.Isolated(system.QueryUrl.ToString(), system.AdminKey);
        var calls = records.Where(r => r.Usage.Model == SharedSystem.UnknownModel).ToList();
        var expectedCost = calls.Sum(r => r.Usage.InputTokens * 3.25m / 1_000_000 + r.Usage.OutputTokens * 12.5m / 1_000_000);
        var before = calls.Min(r => r.Usage.OccurredAt).AddHours(-1).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

        // A dry run from before the calls: what re-pricing them would give, with nothing recorded
        var dryRun = await CliRun.InvokeAsync(admin, "prices", "set", "--model", SharedSystem.UnknownModel, "--input", "3.25", "--output", "12.5",
            "--effective-from", before, "--dry-run");
        Assert.True(dryRun.ExitCode == 0, dryRun.Errors);
        Assert.Contains($"would re-price {calls.Count} calls ({calls.Count} of them unpriced before)", dryRun.Output, StringComparison.Ordinal);
        Assert.Equal([0m, expectedCost, expectedCost], Figures.AllUsd(dryRun.Output));

        // Set from now on: the past calls stay unpriced (so no other test's figures move), the price is in force
        var set = await CliRun.InvokeAsync(admin, "prices", "set", "--model", SharedSystem.UnknownModel, "--input", "3.25", "--output", "12.5");
        Assert.True(set.ExitCode == 0, set.Errors);
        Assert.Contains($"Recorded price", set.Output, StringComparison.Ordinal);
        Assert.Contains($"re-priced 0 calls", set.Output, StringComparison.Ordinal);

        string[] row = [];
        await Eventually.UntilAsync(async () =>
        {
            var list = await CliRun.InvokeAsync(CliEnvironment.Isolated(system.QueryUrl.ToString(), system.ReadKey), "prices", "list", "--provider", "acme");
            row = list.ExitCode == 0 ? list.Rows().FirstOrDefault(r => r.Length > 1 && r[1] == SharedSystem.UnknownModel) ?? [] : [];
            return row.Length > 0 && row[2] != "no price";
        }, TimeSpan.FromSeconds(30), "the model should be listed with its new price");
        Assert.Equal((3.25m, 12.5m), (Figures.Usd(row[2]), Figures.Usd(row[3])));
    }
}
