using System.Text.Json;
using TokenOptimizer.Access;
using TokenOptimizer.GraphQL;
using TokenOptimizer.Query.Serving;
using TokenOptimizer.Query.Upstreams;

namespace TokenOptimizer.Query.DefiningBudgets;

/// <summary>
/// <c>defineBudget</c>, <c>changeBudget</c>, <c>removeBudget</c> for admin keys, decided by the Aggregation service
/// (the budget aggregate's single owner). A team-scoped key is never admin, so no scope applies here.
/// </summary>
public sealed class BudgetMutationsPart(UpstreamClient upstream) : ISchemaPart
{
    public void AddTypes(SchemaBuilder schema) => schema
        .InputObject("BudgetInput", i => i
            .Description("A budget's terms. scopeKind: organization, team, feature, model, provider, user or apiKey; period: day, week or month.")
            .Field("name", "String!").Field("scopeKind", "String!").Field("scopeValue", "String")
            .Field("amountUsd", "Decimal!").Field("period", "String!")
            .Field("resetDay", "Int", f => f.Description("1–28 (month) or 1 = Monday … 7 (week); default 1."))
            .Field("thresholdsPercent", "[Decimal!]", f => f.Description("Default [80, 100]."))
            .Field("webhookUrl", "String"))
        .Object("BudgetDefinition", o => o
            .Field("budgetId", "ID!").Field("name", "String!").Field("scopeKind", "String!").Field("scopeValue", "String")
            .Field("amountUsd", "Decimal!").Field("period", "String!").Field("resetDay", "Int!").Field("thresholdsPercent", "[Decimal!]!")
            .Field("webhookUrl", "String").Field("removed", "Boolean!"));

    public void AddMutationFields(ObjectTypeBuilder mutation) => mutation
        .Field("defineBudget", "BudgetDefinition!", f => f
            .Argument("budget", "BudgetInput!")
            .ResolveAsync(async context => Definition(await SendAsync(context, HttpMethod.Post, "/v1/budgets", Terms(context)))))
        .Field("changeBudget", "BudgetDefinition!", f => f
            .Argument("budgetId", "ID!").Argument("budget", "BudgetInput!")
            .ResolveAsync(async context => Definition(await SendAsync(context, HttpMethod.Put, BudgetPath(context), Terms(context)))))
        .Field("removeBudget", "ID!", f => f
            .Argument("budgetId", "ID!")
            .ResolveAsync(async context =>
            {
                await SendAsync(context, HttpMethod.Delete, BudgetPath(context), null);
                return context.Argument<string>("budgetId")!;
            }));

    private async Task<JsonElement?> SendAsync(ResolveContext context, HttpMethod method, string path, object? body)
    {
        QueryCaller.Of(context).Require(Role.Admin);
        return await upstream.SendAsync(UpstreamClient.Aggregation, method, path, body, "budget", context.CancellationToken);
    }

    private static string BudgetPath(ResolveContext context) => "/v1/budgets/" + Uri.EscapeDataString(context.Argument<string>("budgetId")!);

    // Omitted optional terms are left out, so the owner's defaults apply.
    private static Dictionary<string, object?> Terms(ResolveContext context) =>
        context.Argument<IReadOnlyDictionary<string, object?>>("budget")!.Where(p => p.Value is not null).ToDictionary(p => p.Key, p => p.Value);

    private static Dictionary<string, object?> Definition(JsonElement? answer)
    {
        var budget = answer!.Value;
        var terms = budget.GetProperty("terms");
        return new Dictionary<string, object?>
        {
            ["budgetId"] = budget.GetProperty("budgetId").GetString(),
            ["name"] = terms.GetProperty("name").GetString(),
            ["scopeKind"] = terms.GetProperty("scopeKind").GetString(),
            ["scopeValue"] = terms.TryGetProperty("scopeValue", out var value) ? value.GetString() : null,
            ["amountUsd"] = terms.GetProperty("amountUsd").GetDecimal(),
            ["period"] = terms.GetProperty("period").GetString(),
            ["resetDay"] = terms.GetProperty("resetDay").GetInt32(),
            ["thresholdsPercent"] = terms.GetProperty("thresholdsPercent").EnumerateArray().Select(t => (object?)t.GetDecimal()).ToList(),
            ["webhookUrl"] = terms.TryGetProperty("webhookUrl", out var url) ? url.GetString() : null,
            ["removed"] = budget.GetProperty("removed").GetBoolean(),
        };
    }
}
