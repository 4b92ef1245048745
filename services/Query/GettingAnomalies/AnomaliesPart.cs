using TokenOptimizer.GraphQL;
using TokenOptimizer.Query.Filtering;
using TokenOptimizer.Query.Serving;
using TokenOptimizer.ReadModels;

namespace TokenOptimizer.Query.GettingAnomalies;

/// <summary><c>anomalies(filter, limit)</c>: hours whose cost or error rate departed from their baseline, latest first.</summary>
/// <remarks>
/// Anomalies are judged globally and per provider only, so of the filter's dimensions only <c>providers</c> applies
/// (others are refused rather than ignored). They carry no team: a team-scoped caller sees only providers' error-rate
/// anomalies, which are shared infrastructure facts like a provider's error rate; cost anomalies and the global scope add
/// up every team's usage.
/// </remarks>
public sealed class AnomaliesPart(AnomalyReader anomalies, ResultCache cache, TimeProvider clock) : ISchemaPart
{
    private const int MaxLimit = 5_000;

    public void AddTypes(SchemaBuilder schema) => schema.Object("Anomaly", o => o
        .Description("An hour whose cost or error rate departed strongly from the same hour of the days before.")
        .Field("hour", "DateTime!", f => f.Description("Start of the hour judged."))
        .Field("scope", "String!", f => f.Description("global, or provider:<name>."))
        .Field("provider", "String", f => f.Description("Null for the global scope."))
        .Field("metric", "String!", f => f.Description("cost_usd or error_rate."))
        .Field("observed", "Float!").Field("baselineMedian", "Float!").Field("baselineMad", "Float!", f => f.Description("Median absolute deviation of the baseline."))
        .Field("score", "Float!", f => f.Description("Modified z-score: 0.6745 × (observed − median) / MAD; anomalies are at ±3.5 or beyond."))
        .Field("baselineHours", "Int!", f => f.Description("How many earlier days' same hour formed the baseline.")));

    public void AddQueryFields(ObjectTypeBuilder query) => query.Field("anomalies", "[Anomaly!]!", f => f
        .Description("Anomalies whose hour lies in filter's range (default the last 24 hours). Only filter.providers applies of the dimensions. "
            + "A team-scoped API key sees providers' error-rate anomalies only: cost anomalies and the global scope cover every team.")
        .Argument("filter", FilterArgument.InputType)
        .Argument("limit", "Int", a => a.DefaultValue(500).Description($"At most this many, latest first; 1–{MaxLimit}."))
        .ResolveAsync(context => cache.GetAsync(context, async caller =>
        {
            var limit = context.Argument<int?>("limit") ?? 500;
            if (limit is < 1 or > MaxLimit)
            {
                throw new GraphQLException($"limit must be between 1 and {MaxLimit}.", "BAD_USER_INPUT");
            }

            var slice = FilterArgument.Parse(context, clock.GetUtcNow(), caller.ScopeTeam);
            foreach (var (name, values) in new[] { ("models", slice.Models), ("features", slice.Features), ("teams", slice.Teams), ("environments", slice.Environments), ("outcomes", slice.Outcomes) })
            {
                if (values is not null)
                {
                    throw new GraphQLException($"filter.{name} does not apply: anomalies are judged globally and per provider only.", "BAD_USER_INPUT");
                }
            }

            return (object?)await anomalies.BetweenAsync(slice.From, slice.To, slice.Providers, providerErrorRatesOnly: slice.ScopeTeam is not null, limit,
                caller.Database, context.CancellationToken);
        })));
}
