using TokenOptimizer.GraphQL;
using TokenOptimizer.ReadModels;

namespace TokenOptimizer.Query.GettingRevenue;

/// <summary>
/// The revenue and margin fields, the same on every type that has them (the overview, a cost split's value, a series
/// bucket), read from its <see cref="RevenueSums"/>. Margin is over the calls that carry both a billed amount and our price.
/// </summary>
public static class RevenueFields
{
    /// <summary>Adds the fields to <paramref name="type"/>; <paramref name="revenue"/> null makes every one null (where no revenue is kept).</summary>
    public static ObjectTypeBuilder Add(ObjectTypeBuilder type, Func<ResolveContext, RevenueSums?> revenue, string? nullWhen = null)
    {
        var required = nullWhen is null ? "!" : "";
        var note = nullWhen is null ? "" : $" Null {nullWhen}.";
        return type
            .Field("revenueUsd", "Decimal" + required, f => f
                .Description("What customers were billed for these calls (the billedAmountUsd they carried); calls without one add nothing." + note)
                .Resolve(c => revenue(c)?.RevenueUsd))
            .Field("billedRequests", "Long" + required, f => f.Description("Calls that carried a billed amount." + note).Resolve(c => revenue(c)?.BilledRequests))
            .Field("marginRequests", "Long" + required, f => f
                .Description("Billed calls we could price: the calls the margin is over." + note)
                .Resolve(c => revenue(c)?.MarginRequests))
            .Field("marginUsd", "Decimal", f => f
                .Description("Revenue minus our cost over the billed calls we could price; null when there are none.")
                .Resolve(c => revenue(c)?.MarginUsd))
            .Field("marginPercent", "Decimal", f => f
                .Description("marginUsd as a percentage of those calls' revenue, rounded to 2 places; null when that revenue is 0.")
                .Resolve(c => revenue(c)?.MarginPercent))
            .Field("revenuePerRequestUsd", "Decimal", f => f.Description("revenueUsd per billed call; null without any.").Resolve(c => revenue(c)?.RevenuePerRequestUsd))
            .Field("marginPerRequestUsd", "Decimal", f => f.Description("marginUsd per call it is over; null without any.").Resolve(c => revenue(c)?.MarginPerRequestUsd));
    }
}
