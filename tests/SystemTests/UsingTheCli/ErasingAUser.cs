using System.Net.Http.Json;
using System.Net;
using System.Text.Json;
using Npgsql;
using TokenOptimizer.Access;
using TokenOptimizer.Contracts;
using Marten;
using TokenOptimizer.SystemTests.Running;
using TokenOptimizer.Testing;
using TokenOptimizer.UsageLog;
using Xunit;

namespace TokenOptimizer.SystemTests.UsingTheCli;

/// <summary>
/// <c>tokenopt users erase</c>, end to end: the id leaves the event log, the request log, the per-user rollups (their retired
/// part too) and the quarantine, stays gone after a rebuild, and the audit event keeps only a salted hash of it.
/// </summary>
[Collection(InTurnCollection.Name)]
public sealed class ErasingAUser(SharedSystem system)
{
    // Before this month and the request log's 30 days: out of every range the other tests read.
    private static readonly DateTimeOffset Then = DateTimeOffset.UtcNow.AddDays(-45);

    [Fact]
    public async Task ErasedUser_IsGoneFromEveryRecord_AndTheAuditKeepsOnlyAHash()
    {
        // Given three calls of a user (two teams), a call of another user, and a rejected record of the first user
        var userId = "erase-me-" + Guid.NewGuid().ToString("N");
        var keptUser = "keep-me-" + Guid.NewGuid().ToString("N");
        UsageRecorded[] calls = [Call(userId, "support"), Call(userId, "support"), Call(userId, "billing"), Call(keptUser, "support")];
        using var ingestion = new HttpClient { BaseAddress = system.IngestionUrl };
        var ingestKey = await ingestion.CreateApiKeyAsync(system.AdminKey, Role.Ingest);
        var rejected = Call(userId, "support") with { InputTokens = -1 };
        var sent = await ingestion.WithApiKey(ingestKey).PostAsJsonAsync("/v1/usage", calls.Append(rejected));
        Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);
        await WaitAsync($"SELECT count(*) FROM usage_requests WHERE user_id IN ($1, $2)", 4, userId, keptUser);
        await WaitAsync($"SELECT coalesce(sum(request_count), 0)::bigint FROM usage_rollup_user_day WHERE user_id IN ($1, $2)", 4, userId, keptUser);
        // and a day of the user whose events retention deleted: in the rollup, and in its retired part
        foreach (var table in new[] { "usage_rollup_user_day", "usage_rollup_user_day_retired" })
        {
            await ScalarAsync<int>(
                $"INSERT INTO {table} (day, user_id, api_key_id, provider, model, feature, team, environment, outcome, request_count, cost_total_usd) " +
                "VALUES ('2026-01-05', $1, '', 'openai', 'gpt-4o', 'cli-erasure', 'support', 'production', 'succeeded', 7, 1.25) RETURNING 1", userId);
        }

        var callsBefore = await ScalarAsync<long>("SELECT sum(request_count)::bigint FROM usage_rollup_user_day");

        // When an admin erases the user with the CLI
        var run = await CliRun.InvokeAsync(CliEnvironment.Isolated(system.QueryUrl.ToString(), system.AdminKey), "users", "erase", userId);

        // Then the answer counts the three events and the quarantined record
        Assert.True(run.ExitCode == 0, run.Errors);
        Assert.Contains("Erased the user from 3 usage events and 1 quarantined records", run.Output, StringComparison.Ordinal);

        // And the log and the quarantine hold the id nowhere, the audit event included, while the calls are still there
        Assert.Equal(0L, await ScalarAsync<long>($"SELECT count(*) FROM {EventStoreTables.Events} WHERE strpos(data::text, $1) > 0", userId));
        Assert.Equal(0L, await ScalarAsync<long>("SELECT count(*) FROM ingestion_quarantine WHERE strpos(record::text, $1) > 0", userId));
        Assert.Equal(1L, await ScalarAsync<long>("SELECT count(*) FROM ingestion_quarantine WHERE request_id = $1", rejected.RequestId));
        foreach (var call in calls)
        {
            Assert.Equal(call.UserId == keptUser ? keptUser : null, (await system.Store.FindIngestedAsync(call.Team, call.RequestId))!.Usage.UserId);
        }

        // And the audit event says what was erased, and who asked, by a hash only someone who knows the id can check
        await using var session = system.Store.QuerySession();
        var audit = (await session.Events.QueryRawEventDataOnly<UserErased>().ToListAsync()).Single(e => e.Names(userId));
        Assert.Equal((3, 1), (audit.Events, audit.QuarantinedRecords));
        Assert.False(audit.Names(keptUser));
        Assert.NotNull(audit.ErasedBy);

        // And the read models forget it, moving the user's calls to no user rather than losing them
        await AssertForgottenAsync(userId, keptUser, callsBefore);

        // And a rebuild of both read models brings nothing back
        using var aggregation = new HttpClient { BaseAddress = system.AggregationUrl }.WithApiKey(system.AdminKey);
        foreach (var projection in new[] { "usage_log", "user_rollups" })
        {
            (await aggregation.PostAsync($"/v1/projections/{projection}/rebuild", null)).EnsureSuccessStatusCode();
        }

        await AssertForgottenAsync(userId, keptUser, callsBefore);
    }

    [Fact]
    public async Task ReadKey_MayNotEraseAUser()
    {
        using var ingestion = new HttpClient { BaseAddress = system.IngestionUrl }.WithApiKey(system.ReadKey);

        var refused = await ingestion.DeleteAsync("/v1/admin/users/anyone");
        var run = await CliRun.InvokeAsync(CliEnvironment.Isolated(system.QueryUrl.ToString(), system.ReadKey), "users", "erase", "anyone");

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(1, run.ExitCode);
    }

    private async Task AssertForgottenAsync(string userId, string keptUser, long callsBefore)
    {
        await WaitAsync("SELECT count(*) FROM usage_requests WHERE user_id = $1", 0, userId);
        await WaitAsync("SELECT count(*) FROM usage_rollup_user_day WHERE user_id = $1", 0, userId);
        Assert.Equal(0L, await ScalarAsync<long>("SELECT count(*) FROM usage_rollup_user_day_retired WHERE user_id = $1", userId));
        Assert.Equal(1L, await ScalarAsync<long>("SELECT count(*) FROM usage_requests WHERE user_id = $1", keptUser));
        Assert.Equal(callsBefore, await ScalarAsync<long>("SELECT sum(request_count)::bigint FROM usage_rollup_user_day"));
        foreach (var table in new[] { "usage_rollup_user_day", "usage_rollup_user_day_retired" })
        {
            Assert.Equal(7L, await ScalarAsync<long>(
                $"SELECT sum(request_count)::bigint FROM {table} WHERE user_id = '' AND feature = 'cli-erasure' AND day = '2026-01-05'"));
        }
    }

    private static UsageRecorded Call(string userId, string team) => new()
    {
        RequestId = "erasure-" + Guid.NewGuid().ToString("N"), OccurredAt = Then, Provider = "openai", Model = "gpt-4o", Feature = "cli-erasure",
        Team = team, Environment = "production", UserId = userId, InputTokens = 100, OutputTokens = 10, LatencyMs = 300, Outcome = Outcomes.Succeeded,
    };

    private Task WaitAsync(string sql, long expected, params object[] parameters) =>
        Eventually.UntilAsync(async () => await ScalarAsync<long>(sql, parameters) == expected, TimeSpan.FromSeconds(30), $"{sql} should be {expected}");

    private async Task<T> ScalarAsync<T>(string sql, params object[] parameters)
    {
        await using var command = system.DataSource.CreateCommand(sql);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        return (T)(await command.ExecuteScalarAsync())!;
    }
}
