using System.Text.Json;
using TokenOptimizer.SystemTests.Running;
using TokenOptimizer.Testing;
using Xunit;

namespace TokenOptimizer.SystemTests.UsingTheCli;

/// <summary><c>tokenopt optimize</c>: the open recommendations the Recommendations service computed, with their monthly savings.</summary>
[Collection(InTurnCollection.Name)]
public sealed class Optimizing(SharedSystem system)
{
    private const string Listed = """
        { recommendations(status: "suggested", limit: 5) { rank change feature monthlySavingUsd }
          overview(filter: { range: LAST_30_DAYS }) { optimisationPotentialUsd } }
        """;

    [Fact]
    public async Task TopRecommendations_ShowTheirMonthlySavings_AndTheTotalPotential()
    {
        await system.RecomputeRecommendationsAsync();
        JsonElement data = default;
        await Eventually.UntilAsync(async () =>
        {
            data = await system.DataAsync(Listed);
            return data.GetProperty("recommendations").GetArrayLength() > 0
                && data.GetProperty("overview").GetProperty("optimisationPotentialUsd").ValueKind == JsonValueKind.String;
        }, TimeSpan.FromSeconds(60), "the fed calls (an expensive model on short prompts among them) should make recommendations");

        var run = await CliRun.InvokeAsync(CliEnvironment.Isolated(system.QueryUrl.ToString(), system.ReadKey), "optimize", "--limit", "5");

        Assert.True(run.ExitCode == 0, run.Errors);
        var recommendations = data.GetProperty("recommendations").EnumerateArray().ToList();
        Assert.Equal(recommendations.Count, run.Rows().Count - 1); // less the header
        foreach (var recommendation in recommendations)
        {
            var row = run.Row(recommendation.GetProperty("rank").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(recommendation.GetProperty("change").GetString(), row[1]);
            Assert.Equal(recommendation.Decimal("monthlySavingUsd"), Figures.Usd(row[3]));
        }

        var potential = run.Output.Split('\n').Single(l => l.StartsWith("Taking the best change", StringComparison.Ordinal));
        Assert.Equal(data.GetProperty("overview").Decimal("optimisationPotentialUsd"), Figures.Usd(potential));
    }

    [Fact]
    public async Task TeamScopedKey_IsToldWhyItSeesNoAdvice()
    {
        using var ingestion = new HttpClient { BaseAddress = system.IngestionUrl };
        var teamKey = await ingestion.CreateApiKeyAsync(system.AdminKey, Access.Role.Read, "cli-team");
        var (_, answer) = await system.Query.GraphQLAsync(teamKey, Listed);

        var run = await CliRun.InvokeAsync(CliEnvironment.Isolated(system.QueryUrl.ToString(), teamKey), "optimize");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains(answer.GetProperty("errors")[0].GetProperty("message").GetString()!, run.Errors, StringComparison.Ordinal);
    }
}
