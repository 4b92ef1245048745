using TokenOptimizer.Access;
using TokenOptimizer.GraphQL;
using TokenOptimizer.Query.Serving;
using TokenOptimizer.ReadModels;

namespace TokenOptimizer.Query.GettingBudgets;

/// <summary><c>budgets</c>: each budget's terms, its period's spend and projection, and the thresholds crossed.</summary>
public sealed class BudgetsPart(BudgetsQuery budgets, ResultCache cache) : ISchemaPart
{
    public void AddTypes(SchemaBuilder schema) => schema
        .Object("BudgetAlert", o => o
            .Description("A threshold the period's spend reached.")
            .Field("thresholdPercent", "Decimal!").Field("crossedAt", "DateTime!")
            .Field("spentUsd", "Decimal!", f => f.Description("The period's spend when it was reached.")))
        .Object("BudgetStatus", o => o
            .Description("A budget and its period in progress (UTC, by wall clock). Spend is priced usage in the budget's scope.")
            .Field("budgetId", "ID!").Field("name", "String!", f => f.Resolve(c => Terms(c).Name))
            .Field("scopeKind", "String!", f => f.Description("organization, team, feature, model, provider, user or apiKey.").Resolve(c => Terms(c).ScopeKind))
            .Field("scopeValue", "String", f => f.Description("The team, feature, model, provider, user id or API key id; null for the organisation, empty for an erased user.").Resolve(c => Terms(c).ScopeValue))
            .Field("amountUsd", "Decimal!", f => f.Resolve(c => Terms(c).AmountUsd))
            .Field("period", "String!", f => f.Description("day, week or month.").Resolve(c => Terms(c).Period))
            .Field("resetDay", "Int!", f => f.Resolve(c => Terms(c).ResetDay))
            .Field("thresholdsPercent", "[Decimal!]!", f => f.Resolve(c => Terms(c).ThresholdsPercent))
            .Field("webhookUrl", "String", f => f
                .Description("Where alerts are sent; shown to admin keys only, as such URLs often carry a secret.")
                .Resolve(c => QueryCaller.Of(c).Principal.Has(Role.Admin) ? Terms(c).WebhookUrl : null))
            .Field("periodStart", "DateTime!").Field("periodEnd", "DateTime!")
            .Field("spentUsd", "Decimal!").Field("remainingUsd", "Decimal!", f => f.Description("Amount − spent; negative once overspent."))
            .Field("percentUsed", "Decimal!")
            .Field("projectedSpendUsd", "Decimal!", f => f.Description("Spent + days remaining × the mean of the period's daily run rate and the last 3 days' rate."))
            .Field("daysRemaining", "Float!")
            .Field("thresholdsCrossed", "[Decimal!]!", f => f.Description("Thresholds reached this period, ascending."))
            .Field("alerts", "[BudgetAlert!]!", f => f.Description("This period's crossings, by threshold. crossedAt is the usage time of the call that reached it.")));

    public void AddQueryFields(ObjectTypeBuilder query) => query.Field("budgets", "[BudgetStatus!]!", f => f
        .Description("Every budget, by id. A team-scoped API key sees only the budgets on its own team: the others add up every team's spend.")
        .ResolveAsync(context => cache.GetAsync(context, async caller => (object?)await budgets.AllAsync(caller.ScopeTeam, caller.Database, context.CancellationToken))));

    private static BudgetTerms Terms(ResolveContext context) => ((BudgetStatus)context.Source!).Terms;
}
