using System.Net;
using System.Net.Http.Json;
using TokenOptimizer.Aggregation.DefiningBudget;
using TokenOptimizer.Contracts;
using TokenOptimizer.ReadModels;
using TokenOptimizer.Testing;
using TokenOptimizer.UsageLog;
using Xunit;

namespace TokenOptimizer.Aggregation.IntegrationTests;

/// <summary>
/// A budget scoped to one end user counts that user's calls only, crosses its threshold once, and is forgotten with the
/// user when the user is erased; a budget scoped to an API key counts that key's calls only.
/// </summary>
public sealed class BudgetingForOneUser(AggregationHost host) : IClassFixture<AggregationHost>
{
    // TestUsage prices every call at $2.50 per million input tokens and $10 per million output tokens:
    // 1,000 in + 500 out = $0.0025 + $0.005 = $0.0075; 2,000 in + 1,000 out = $0.005 + $0.01 = $0.015.
    private static UsageIngested Call(string? userId, string? apiKeyId, int inputTokens, int outputTokens, DateTimeOffset at) => TestUsage.Ingested(new UsageRecorded
    {
        RequestId = Guid.NewGuid().ToString("N"), OccurredAt = at, Provider = "openai", Model = "gpt-4o", Feature = "chat", Team = "growth",
        Environment = "production", UserId = userId, ApiKeyId = apiKeyId, InputTokens = inputTokens, OutputTokens = outputTokens, LatencyMs = 300,
        Outcome = Outcomes.Succeeded,
    });

    [Fact]
    public async Task BudgetOnOneUser_CountsThatUsersCallsOnly_AndCrossesOnce()
    {
        // Given a $0.02 monthly budget on one user, alerting at 100%
        var user = UniqueNames.Next("user");
        var budget = await DefineAsync(BudgetScopes.User, user, 0.02m);

        // When the user makes three calls of $0.0075 (through two keys), and another user and an anonymous call spend more
        var now = DateTimeOffset.UtcNow;
        await TestUsage.AppendAsync(host.Store, [
            Call(user, "key-a", 1_000, 500, now.AddSeconds(-5)), Call("someone-else", "key-a", 2_000, 1_000, now.AddSeconds(-4)),
            Call(user, "key-b", 1_000, 500, now.AddSeconds(-3)), Call(null, "key-a", 2_000, 1_000, now.AddSeconds(-2)),
            Call(user, "key-a", 1_000, 500, now.AddSeconds(-1)),
        ]);

        // Then its spend is the user's 3 × $0.0075 = $0.0225 (112.5% of $0.02), and 100% was crossed once
        await host.WaitUntilAsync(async () => (await StatusAsync(budget.BudgetId))?.SpentUsd == 0.0225m, "the user's three calls counted");
        Assert.Equal(112.5m, (await StatusAsync(budget.BudgetId))!.PercentUsed);
        Assert.Equal(1L, await host.ScalarAsync<long>(
            "SELECT count(*) FROM alert_outbox WHERE message_type = 'budget_threshold_crossed' AND body->>'budgetId' = $1", budget.BudgetId));
    }

    [Fact]
    public async Task BudgetOnOneApiKey_CountsThatKeysCallsOnly()
    {
        // Given a $1 budget on one API key id
        var key = UniqueNames.Next("key");
        var budget = await DefineAsync(BudgetScopes.ApiKey, key, 1m);

        // When the key carries a $0.0075 and a $0.015 call, and another key a $0.015 call
        var now = DateTimeOffset.UtcNow;
        await TestUsage.AppendAsync(host.Store, [
            Call("u1", key, 1_000, 500, now.AddSeconds(-3)), Call("u2", "another-key", 2_000, 1_000, now.AddSeconds(-2)), Call(null, key, 2_000, 1_000, now.AddSeconds(-1)),
        ]);

        // Then its spend is $0.0075 + $0.015 = $0.0225
        await host.WaitUntilAsync(async () => (await StatusAsync(budget.BudgetId))?.SpentUsd == 0.0225m, "the key's two calls counted");
    }

    [Fact]
    public async Task ErasingTheUser_EndsTheBudget_AndForgetsTheUsersSpend()
    {
        // Given a budget on a user who spent $0.0075
        var user = UniqueNames.Next("erased");
        var budget = await DefineAsync(BudgetScopes.User, user, 1m);
        await TestUsage.AppendAsync(host.Store, [Call(user, "key-a", 1_000, 500, DateTimeOffset.UtcNow)]);
        await host.WaitUntilAsync(async () => (await StatusAsync(budget.BudgetId))?.SpentUsd == 0.0075m, "the user's call counted");

        // When the user is erased
        var erased = UserErased.Of(user, [DateOnly.FromDateTime(DateTime.UtcNow)], 1, 0, "test", DateTimeOffset.UtcNow);
        await using (var session = host.Store.LightweightSession())
        {
            session.Events.StartStream(UserErased.StreamFor(erased.ErasureId), erased);
            await session.SaveChangesAsync();
        }

        // Then the budget is gone, and neither its definition nor the hourly spend names the user any more. Each is waited
        // for: the grain hears of the erasure as the page is applied, before the page's table writes commit.
        await host.WaitUntilAsync(async () => (await host.Http.GetAsync($"/v1/budgets/{budget.BudgetId}")).StatusCode == HttpStatusCode.NotFound, "the budget ended");
        await host.WaitUntilAsync(async () => await host.ScalarAsync<long>("SELECT count(*) FROM spend_by_scope_hour WHERE scope_value = $1", user) == 0,
            "the user's hourly spend forgotten");
        await host.WaitUntilAsync(async () => await host.ScalarAsync<long>("SELECT count(*) FROM budget_definitions WHERE detail::text LIKE '%' || $1 || '%'", user) == 0,
            "the budget's definition no longer names the user");
        await host.WaitUntilAsync(async () => await host.ScalarAsync<long>(
                "SELECT count(*) FROM grain_state WHERE state_name = 'budget' AND grain_key = $2 AND state::text LIKE '%' || $1 || '%'", user, budget.BudgetId) == 0,
            "the budget grain's state no longer names the user");
    }

    private async Task<Budget> DefineAsync(string scopeKind, string scopeValue, decimal amountUsd)
    {
        var response = await host.Http.PostAsJsonAsync("/v1/budgets", new BudgetTerms
        {
            // The name does not repeat the id: erasure forgets ids in the scope, not in free text.
            Name = "Per-" + scopeKind, ScopeKind = scopeKind, ScopeValue = scopeValue, AmountUsd = amountUsd, Period = BudgetPeriods.Month,
            ThresholdsPercent = [100m],
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<Budget>())!;
    }

    private async Task<BudgetStatus?> StatusAsync(string budgetId)
    {
        using var response = await host.Http.GetAsync($"/v1/budgets/{budgetId}");
        return response.StatusCode == HttpStatusCode.OK ? await response.Content.ReadFromJsonAsync<BudgetStatus>() : null;
    }
}
