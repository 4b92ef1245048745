using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TokenOptimizer.Access;
using Xunit;

namespace TokenOptimizer.Ingestion.IntegrationTests;

/// <summary>A request id is unique within its team: two teams may use the same one, and each team's resend is a duplicate.</summary>
public sealed class DeduplicatingPerTeam(IngestionHost host) : IClassFixture<IngestionHost>
{
    [Fact]
    public async Task SameRequestIdFromTwoTeams_IsStoredForBoth()
    {
        // Given two teams, each with its own ingest key, whose producers happen to use the same request id
        var requestId = "req-" + Guid.NewGuid().ToString("N");
        var support = SampleUsage.Gpt4o(requestId) with { Team = "support" };
        var billing = SampleUsage.Gpt4o(requestId) with { Team = "billing", InputTokens = 2000 };
        var supportKey = await host.CreateKeyAsync(Role.Ingest, team: "support");
        var billingKey = await host.CreateKeyAsync(Role.Ingest, team: "billing");

        // When each sends its record, and then sends it again
        var first = await AnswerAsync(await host.Client(supportKey).PostAsJsonAsync("/v1/usage", support));
        var second = await AnswerAsync(await host.Client(billingKey).PostAsJsonAsync("/v1/usage", billing));
        var resent = await AnswerAsync(await host.Client(billingKey).PostAsJsonAsync("/v1/usage", billing));

        // Then both are stored, each with its own content, and only the resend is a duplicate
        Assert.Equal((1, 0), (first.Accepted, first.Duplicates));
        Assert.Equal((1, 0), (second.Accepted, second.Duplicates));
        Assert.Equal((0, 1), (resent.Accepted, resent.Duplicates));
        Assert.Equal(1000, (await host.FindIngestedAsync(support))!.Usage.InputTokens);
        Assert.Equal(2000, (await host.FindIngestedAsync(billing))!.Usage.InputTokens);
    }

    [Fact]
    public async Task SameRequestIdWithAndWithoutTeam_IsStoredForBoth_AndNoTeamIsOneScope()
    {
        var requestId = "req-" + Guid.NewGuid().ToString("N");
        var team = SampleUsage.Gpt4o(requestId);
        var none = SampleUsage.Gpt4o(requestId) with { Team = null };
        var empty = SampleUsage.Gpt4o(requestId) with { Team = "" };

        var answer = await AnswerAsync(await host.Http.PostAsJsonAsync("/v1/usage", new[] { team, none, empty }));

        Assert.Equal((2, 1), (answer.Accepted, answer.Duplicates));
        Assert.NotNull(await host.FindIngestedAsync(team));
        Assert.Null((await host.FindIngestedAsync(none))!.Usage.Team);
    }

    private static async Task<(int Accepted, int Duplicates)> AnswerAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (body.GetProperty("accepted").GetInt32(), body.GetProperty("duplicates").GetInt32());
    }
}
