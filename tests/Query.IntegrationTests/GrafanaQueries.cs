using System.Text.RegularExpressions;

namespace TokenOptimizer.Query.IntegrationTests;

/// <summary>The metric names a PromQL text reads: ours all start with <c>tokenoptimizer_</c>.</summary>
internal static partial class GrafanaQueries
{
    public static IEnumerable<string> MetricNames(string promQl) => MetricName().Matches(promQl).Select(m => m.Value);

    [GeneratedRegex("tokenoptimizer_[a-zA-Z0-9_]+")]
    private static partial Regex MetricName();
}
