using System.Net;
using System.Text;
using System.Text.Json;
using CsCheck;
using Xunit;

namespace TokenOptimizer.Ingestion.IntegrationTests.Bounds;

/// <summary>
/// The rule behind every bound: whatever Ingestion accepts, every Aggregation projection applies, and the rollups add up
/// to exactly what was accepted; whatever it refuses gets a 400 naming the fields at fault. Records are generated across
/// and beyond every bound (<see cref="UsageCandidates"/>), judged by the documented bounds (<see cref="UsageBoundsSpec"/>),
/// sent one by one over HTTP, then every projection runs with nothing skipped.
/// </summary>
public sealed class AcceptingOnlyWhatProjects(ProjectingHost host) : IClassFixture<ProjectingHost>
{
    private static int _sent;
    private int _accepted;
    private int _refused;

    [Fact]
    public async Task AcceptedRecords_AreAllProjectedAndSumUp_RefusedOnesNameTheirFields()
    {
        await UsageCandidates.Candidate.Array[30, 50].SampleAsync(async batch =>
        {
            var before = await RollupTotals.ReadAsync(host);
            var accepted = new List<(UsageCandidate, UsageLog.UsageCost)>();
            foreach (var generated in batch)
            {
                var candidate = generated with { RequestId = $"{generated.RequestId}~{Interlocked.Increment(ref _sent)}" };
                if (await SendAsync(candidate) is { } cost)
                {
                    accepted.Add((candidate, cost));
                }
            }

            await host.Projections.ApplyEverythingAsync();

            Assert.Equal(0L, await host.ScalarAsync<long>($"SELECT count(*) FROM {UsageLog.EventStoreTables.DeadLetters}"));
            var applied = (await RollupTotals.ReadAsync(host)).Minus(before);
            Assert.Equal(RollupTotals.Of(accepted), applied);
        }, iter: 6, threads: 1, print: batch => string.Join("\n", batch.Select(c => c.ToJson())));

        // Both sides of the rule were exercised, not one alone.
        Assert.True(_accepted >= 40 && _refused >= 40, $"accepted {_accepted}, refused {_refused}: the generators lean too far one way");
    }

    // The stored cost when accepted; null when refused, after checking the refusal names exactly the right fields.
    private async Task<UsageLog.UsageCost?> SendAsync(UsageCandidate candidate)
    {
        var json = candidate.ToJson();
        var unreadable = UsageBoundsSpec.Unreadable(candidate);
        var invalid = UsageBoundsSpec.Invalid(candidate, DateTimeOffset.UtcNow);
        using var response = await host.Http.PostAsync("/v1/usage", new StringContent(json, Encoding.UTF8, "application/json"));
        var body = await response.Content.ReadAsStringAsync();
        if (unreadable.Count == 0 && invalid.Count == 0)
        {
            Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{json}\nshould be accepted, got {(int)response.StatusCode}: {body}");
            Assert.Equal(1, JsonDocument.Parse(body).RootElement.GetProperty("accepted").GetInt32());
            _accepted++;
            return (await host.FindIngestedAsync(candidate.Team, candidate.RequestId))!.Cost;
        }

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{json}\nshould be refused for {string.Join(", ", invalid.Union(unreadable))}, got {(int)response.StatusCode}: {body}");
        var named = JsonDocument.Parse(body).RootElement.GetProperty("errors").EnumerateObject().Select(e => e.Name).ToHashSet(StringComparer.Ordinal);
        if (unreadable.Count > 0)
        {
            // A reader stops at the first field it cannot read: that one is named, alone.
            Assert.True(named.Count == 1 && named.IsSubsetOf(unreadable), $"{json}\nshould name one of {string.Join(", ", unreadable)}, named {string.Join(", ", named)}");
        }
        else
        {
            Assert.True(named.SetEquals(invalid), $"{json}\nshould name {string.Join(", ", invalid.Order())}, named {string.Join(", ", named.Order())}");
        }

        _refused++;
        return null;
    }
}
