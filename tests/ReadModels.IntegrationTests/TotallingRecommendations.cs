using System.Text.Json;
using Xunit;

namespace TokenOptimizer.ReadModels.IntegrationTests;

/// <summary>
/// The one place optimisation potential is computed (<see cref="RecommendationListReader.TotalsAsync"/>), and the list
/// read back as typed records, over rows as the Recommendations service's list projection writes them.
/// </summary>
public sealed class TotallingRecommendations(ReadModelTables tables) : IClassFixture<ReadModelTables>
{
    private static readonly DateTimeOffset At = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    private RecommendationListReader Reader => new(tables.DataSource);

    private static ListedRecommendation Advice(string id, string kind, string feature, string model, decimal saving, string status) => new()
    {
        Id = id, Status = status, SuggestedAt = At, UpdatedAt = At.AddMinutes(1),
        Suggestion = new ListedSuggestion(kind, feature, "openai", model, "openai", "gpt-4o-mini", null, $"Move {feature} to gpt-4o-mini",
            saving, 40m, -2.5, "minor", "tiers", 0.8, "high", new Dictionary<string, decimal> { ["current_cost_usd"] = 12.5m, ["observed_days"] = 3m }),
    };

    // The owner's upsert: the columns lists filter and rank by, and the whole state as detail.
    private async Task StoreAsync(ListedRecommendation state) => await tables.ExecuteAsync($"""
        INSERT INTO {RecommendationListTable.QualifiedName} (id, kind, feature, status, monthly_saving_usd, realised_saving_usd, snoozed_until, updated_at, detail)
        VALUES ($1, $2, $3, $4, $5, $6, NULL, $7, $8::jsonb)
        """, state.Id, state.Suggestion.Kind, state.Suggestion.Feature, state.Status, state.Suggestion.MonthlySavingUsd, state.Realised?.RealisedSavingUsd,
        state.UpdatedAt.UtcDateTime, JsonSerializer.Serialize(state, JsonSerializerOptions.Web));

    private async Task CreateListAsync() => await tables.ExecuteAsync(
        $"CREATE SCHEMA IF NOT EXISTS {RecommendationListTable.Schema}; SET search_path TO {RecommendationListTable.Schema}; {RecommendationListTable.Ddl} RESET search_path;");

    [Fact]
    public async Task BeforeTheOwnerMadeItsList_ThereAreNoTotalsAndNothingListed()
    {
        await tables.ExecuteAsync($"DROP SCHEMA IF EXISTS {RecommendationListTable.Schema} CASCADE");

        Assert.Null(await Reader.TotalsAsync(DatabaseTurns.None, CancellationToken.None));
        Assert.Empty(await Reader.ListAsync(null, null, null, null, DatabaseTurns.None, CancellationToken.None));
    }

    [Fact]
    public async Task AlternativesForOneFeatureAndModel_CountOnceByTheBest_AndDecidedAdviceNotAtAll()
    {
        // Given two alternatives for the same calls, open advice on another feature, advice decided on, and realised savings
        await CreateListAsync();
        await tables.ExecuteAsync($"TRUNCATE {RecommendationListTable.QualifiedName}");
        await StoreAsync(Advice("a", "model_switch", "support", "gpt-4o", 100.004m, RecommendationStatus.Suggested));
        await StoreAsync(Advice("b", "prompt_caching", "support", "gpt-4o", 40m, RecommendationStatus.Tested));
        await StoreAsync(Advice("c", "model_switch", "support", "gpt-4.1", 7.5m, RecommendationStatus.Suggested));
        await StoreAsync(Advice("d", "model_switch", "search", "gpt-4o", 30m, RecommendationStatus.Tested));
        await StoreAsync(Advice("e", "model_switch", "digest", "gpt-4o", 500m, RecommendationStatus.Dismissed));
        await StoreAsync(Advice("f", "model_switch", "titles", "gpt-4o", 900m, RecommendationStatus.Snoozed));
        await StoreAsync(Advice("g", "model_switch", "labels", "gpt-4o", 60m, RecommendationStatus.Realised) with
        {
            Acceptance = new ListedDecision(At.AddDays(1)), Realised = new ListedRealisation(12.344m),
        });
        await StoreAsync(Advice("h", "model_switch", "tags", "gpt-4o", 20m, RecommendationStatus.Accepted) with { Acceptance = new ListedDecision(At.AddDays(2)) });

        // When the totals are read
        var totals = await Reader.TotalsAsync(DatabaseTurns.None, CancellationToken.None);

        // Then the potential is the best saving per feature and model among open advice, rounded to the cent
        Assert.Equal(new RecommendationTotals(137.50m, 12.34m, Open: 4, Accepted: 2), totals);
    }

    [Fact]
    public async Task TheList_IsRankedBySaving_FilteredAndReadBackWhole()
    {
        // Given tested advice with its model test, and advice of another kind and feature
        await CreateListAsync();
        await tables.ExecuteAsync($"TRUNCATE {RecommendationListTable.QualifiedName}");
        var side = new ListedTestSide(new ListedModel("openai", "gpt-4o"), 3, 0, 812.5, 36, 18, 0.0012m);
        var tested = Advice("t", "model_switch", "support", "gpt-4o", 80m, RecommendationStatus.Tested) with
        {
            LastTest = new ListedModelTest("test-1", At.AddHours(2), new ListedModelTestResult(
                [new ListedTestPrompt(), new ListedTestPrompt(), new ListedTestPrompt()],
                new ListedModelTestSummary(side, side with { Model = new ListedModel("openai", "gpt-4o-mini"), Failed = 1 }, 0.75))),
        };
        await StoreAsync(tested);
        await StoreAsync(Advice("u", "model_switch", "support", "gpt-4.1", 90m, RecommendationStatus.Suggested));
        await StoreAsync(Advice("v", "prompt_caching", "search", "gpt-4o", 95m, RecommendationStatus.Suggested));

        // When the list is read whole, then filtered
        var all = await Reader.ListAsync(null, null, null, null, DatabaseTurns.None, CancellationToken.None);
        var supportSwitches = await Reader.ListAsync("model_switch", null, "support", 1, DatabaseTurns.None, CancellationToken.None);
        var testedOnly = await Reader.ListAsync(null, RecommendationStatus.Tested, null, null, DatabaseTurns.None, CancellationToken.None);

        // Then it comes by saving, and every field comes back as stored
        Assert.Equal(["v", "u", "t"], all.Select(r => r.Id));
        Assert.Equal("u", Assert.Single(supportSwitches).Id);
        var read = Assert.Single(testedOnly);
        Assert.Equivalent(tested, read, strict: true);
        Assert.Equal(3, read.LastTest!.Result.Prompts.Count);
    }
}
