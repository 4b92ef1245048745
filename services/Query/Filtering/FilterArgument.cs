using TokenOptimizer.Access.Http;
using TokenOptimizer.Contracts;
using TokenOptimizer.GraphQL;
using TokenOptimizer.ReadModels;

namespace TokenOptimizer.Query.Filtering;

/// <summary>
/// Turns the <c>UsageFilter</c> input into a <see cref="UsageSlice"/>: a relative <c>range</c> (default the last
/// 24 hours) or an absolute <c>from</c>/<c>to</c>, never both; times are widened to whole minutes (the finest
/// rollup), so "the last 24 hours" includes the minute now running. Errors name the field at fault.
/// </summary>
public static class FilterArgument
{
    public const string InputType = "UsageFilter";

    public static readonly TimeSpan LongestRange = TimeSpan.FromDays(800);

    /// <summary>The <c>filter</c> argument of the field being resolved.</summary>
    /// <param name="callers">Whether the field reads the caller rollup or the request log, so may filter by user and API key.</param>
    public static UsageSlice Parse(ResolveContext context, DateTimeOffset now, string? scopeTeam, bool callers = false) =>
        Parse(context.Argument<IReadOnlyDictionary<string, object?>>("filter"), now, scopeTeam, callers);

    public static UsageSlice Parse(IReadOnlyDictionary<string, object?>? input, DateTimeOffset now, string? scopeTeam, bool callers = false)
    {
        input ??= new Dictionary<string, object?>();
        var range = input.GetValueOrDefault("range") as string;
        var from = input.GetValueOrDefault("from") as DateTimeOffset?;
        var to = input.GetValueOrDefault("to") as DateTimeOffset?;
        if (range is not null && (from is not null || to is not null))
        {
            throw Invalid("filter.range cannot be combined with filter.from or filter.to; give one or the other.");
        }

        foreach (var (field, at) in new[] { ("from", from), ("to", to) })
        {
            if (at is { } instant && (instant < EarliestUsage || instant > now.AddYears(1)))
            {
                throw Invalid($"filter.{field} must lie between 2000-01-01 and a year from now.");
            }
        }

        var end = RollupRanges.Ceiling(to ?? now, TimeSpan.FromMinutes(1));
        var start = from is { } given
            ? RollupRanges.Floor(given, TimeSpan.FromMinutes(1))
            : end - TimeRange.Lengths[range ?? TimeRange.Last24Hours];
        if (start >= end)
        {
            throw Invalid("filter.from must be before filter.to.");
        }

        if (end - start > LongestRange)
        {
            throw Invalid($"filter.from to filter.to spans more than {LongestRange.TotalDays:0} days.");
        }

        return new UsageSlice(start, end)
        {
            Providers = Strings(input, "providers"),
            Models = Strings(input, "models"),
            Features = Strings(input, "features"),
            Teams = Strings(input, "teams"),
            Environments = Strings(input, "environments"),
            Outcomes = Strings(input, "outcomes"),
            UserIds = CallerStrings(input, "userIds", callers),
            ApiKeyIds = CallerStrings(input, "apiKeyIds", callers),
            ScopeTeam = scopeTeam,
        };
    }

    public static SchemaBuilder AddTypes(SchemaBuilder schema) => schema
        .Enum("TimeRange", e =>
        {
            foreach (var name in TimeRange.Lengths.Keys)
            {
                e.Value(name);
            }
        })
        .InputObject(InputType, i => i
            .Description("Which usage a query covers. Omitted dimensions are not filtered; a team-scoped API key always sees its team only.")
            .Field("range", "TimeRange", f => f.Description("A period ending now; default LAST_24_HOURS. Not with from/to."))
            .Field("from", "DateTime", f => f.Description("Start (inclusive), rounded down to the minute."))
            .Field("to", "DateTime", f => f.Description("End (exclusive), rounded up to the minute; default now."))
            .Field("providers", "[String!]")
            .Field("models", "[String!]")
            .Field("features", "[String!]")
            .Field("teams", "[String!]")
            .Field("environments", "[String!]")
            .Field("outcomes", "[String!]")
            .Field("userIds", "[String!]", f => f.Description("End users (\"\": calls that named none). costBreakdown and usageLog only."))
            .Field("apiKeyIds", "[String!]", f => f.Description("Producers' API key ids (\"\": calls that named none). costBreakdown and usageLog only.")));

    // No usage is older (ingestion refuses it), and times far off either way would overflow the arithmetic on them.
    private static readonly DateTimeOffset EarliestUsage = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    // The values are usage dimensions: one that no usage record can hold is refused rather than sent to the database.
    private static IReadOnlyList<string>? Strings(IReadOnlyDictionary<string, object?> input, string name)
    {
        if (input.GetValueOrDefault(name) is not IEnumerable<object?> values)
        {
            return null;
        }

        var strings = values.OfType<string>().ToList();
        return strings.Select(v => StorableText.Problem(v, UsageLimits.IdentifierMaxLength, UsageLimits.IdentifierMaxBytes)).FirstOrDefault(p => p is not null) is { } problem
            ? throw Invalid($"filter.{name}: a value {problem}")
            : strings;
    }

    // Users and keys are kept per UTC day in the caller rollup and in the request log only: a query over the other read
    // models cannot filter on them.
    private static IReadOnlyList<string>? CallerStrings(IReadOnlyDictionary<string, object?> input, string name, bool callers)
    {
        var values = Strings(input, name);
        return values is not null && !callers
            ? throw Invalid($"filter.{name} is only available in costBreakdown and usageLog (and their CSV exports): usage per user and API key is kept per UTC day and in the request log only.")
            : values;
    }

    private static GraphQLException Invalid(string message) => new(message, "BAD_USER_INPUT");
}
