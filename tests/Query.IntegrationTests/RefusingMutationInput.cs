using System.Text.Json;
using Xunit;

namespace TokenOptimizer.Query.IntegrationTests;

/// <summary>
/// A mutation Query forwards to the service that owns the data is refused as that service refuses it, naming each field
/// by its argument path: in the message and under <c>extensions.fields</c>, with <c>BAD_USER_INPUT</c>.
/// </summary>
public sealed class RefusingMutationInput(QueryHost host) : IClassFixture<QueryHost>
{
    [Fact]
    public async Task DefineBudget_WithAZeroAmountAndNoName_NamesBothUnderBudget()
    {
        var (_, body) = await host.GraphQLAsync(host.AdminKey,
            "mutation { defineBudget(budget: {name: \"\", scopeKind: \"organization\", amountUsd: 0, period: \"month\"}) { budgetId } }");

        var fields = Fields(body);
        Assert.Equal(["budget.amountUsd", "budget.name"], fields.Order(StringComparer.Ordinal));
        Assert.Contains("budget.amountUsd:", body.GetProperty("errors")[0].GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SetModelPrice_WithANulInItsNote_NamesPriceNote()
    {
        var (_, body) = await host.GraphQLAsync(host.AdminKey,
            "mutation { setModelPrice(price: {model: \"m\", effectiveFrom: \"2026-01-01T00:00:00Z\", inputPerMillionTokens: 1, outputPerMillionTokens: 2, note: \"a\\u0000b\"}) { priceVersion } }");

        Assert.Equal(["price.note"], Fields(body));
    }

    private static IReadOnlyList<string> Fields(JsonElement body)
    {
        var error = body.GetProperty("errors")[0];
        Assert.Equal("BAD_USER_INPUT", error.GetProperty("extensions").GetProperty("code").GetString());
        return [.. error.GetProperty("extensions").GetProperty("fields").EnumerateObject().Select(f => f.Name)];
    }
}
