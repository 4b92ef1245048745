using System.Globalization;
using System.Text.RegularExpressions;
using TokenOptimizer.GraphQL;
using TokenOptimizer.Query.Filtering;
using TokenOptimizer.ReadModels;

namespace TokenOptimizer.Query.ExportingCsv;

/// <summary>
/// An export's query string as the GraphQL <c>UsageFilter</c>: the same names (<c>range=LAST_7_DAYS</c> or
/// <c>from</c>/<c>to</c>; <c>providers=a,b</c>, repeated or comma-separated, and so on), turned into the dictionary
/// <see cref="FilterArgument.Parse"/> takes, so an export and a GraphQL query with the same filter cover the same
/// calls, scope included. Times are ISO-8601; one without a zone (or a bare date) is UTC. An unknown parameter is
/// refused rather than ignored: a misspelt filter must not silently widen an export.
/// </summary>
public static partial class ExportFilter
{
    private static readonly string[] ListNames = ["providers", "models", "features", "teams", "environments", "outcomes", "userIds", "apiKeyIds"];

    public static UsageSlice Parse(IQueryCollection query, DateTimeOffset now, string? scopeTeam, bool callers, params string[] otherParameters)
    {
        if (query.Keys.FirstOrDefault(n => n is not ("range" or "from" or "to") && !ListNames.Contains(n) && !otherParameters.Contains(n)) is { } unknown)
        {
            throw new BadExportParameter(unknown, $"{unknown} is not a parameter of this export.");
        }

        var input = new Dictionary<string, object?>();
        if (Single(query, "range") is { } range)
        {
            input["range"] = TimeRange.Lengths.ContainsKey(range)
                ? range
                : throw new BadExportParameter("range", $"range must be one of {string.Join(", ", TimeRange.Lengths.Keys)}.");
        }

        input["from"] = Instant(query, "from");
        input["to"] = Instant(query, "to");
        foreach (var name in ListNames.Where(query.ContainsKey))
        {
            var values = query[name].SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToArray();
            input[name] = values.Length > 0 ? values : throw new BadExportParameter(name, $"{name} is empty; omit it to include every value.");
        }

        try
        {
            return FilterArgument.Parse(input, now, scopeTeam, callers);
        }
        catch (GraphQLException invalid)
        {
            // FilterArgument names GraphQL's filter.<field>; here the field is the parameter itself.
            var parameter = FilterField().Match(invalid.Message) is { Success: true } match ? match.Groups[1].Value : "filter";
            throw new BadExportParameter(parameter, invalid.Message.Replace("filter.", "", StringComparison.Ordinal));
        }
    }

    /// <summary>The one value of <paramref name="name"/>, or null when absent.</summary>
    public static string? Single(IQueryCollection query, string name) => query[name] switch
    {
        { Count: 0 } => null,
        { Count: 1 } values => values[0],
        _ => throw new BadExportParameter(name, $"{name} may be given once."),
    };

    private static DateTimeOffset? Instant(IQueryCollection query, string name) => Single(query, name) switch
    {
        null => null,
        var text when DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant) => instant,
        _ => throw new BadExportParameter(name, $"{name} must be an ISO-8601 date or time, e.g. 2026-01-31 or 2026-01-31T12:00:00Z."),
    };

    [GeneratedRegex(@"filter\.(\w+)")]
    private static partial Regex FilterField();
}
