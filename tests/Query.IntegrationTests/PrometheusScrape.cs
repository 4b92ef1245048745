using System.Globalization;
using System.Text.RegularExpressions;

namespace TokenOptimizer.Query.IntegrationTests;

/// <summary>One scrape in Prometheus' text exposition format: the metric names declared (<c># TYPE</c>) and every sample.</summary>
internal sealed partial class PrometheusScrape
{
    private PrometheusScrape(IReadOnlySet<string> names, IReadOnlyList<Sample> samples)
    {
        Names = names;
        Samples = samples;
    }

    public IReadOnlySet<string> Names { get; }

    public IReadOnlyList<Sample> Samples { get; }

    public static PrometheusScrape Parse(string text)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var samples = new List<Sample>();
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (line.StartsWith("# TYPE ", StringComparison.Ordinal))
            {
                names.Add(line.Split(' ')[2]);
            }
            else if (!line.StartsWith('#'))
            {
                var match = SampleLine().Match(line);
                if (!match.Success)
                {
                    throw new FormatException("Not a sample line: " + line);
                }

                var labels = LabelPair().Matches(match.Groups["labels"].Value)
                    .ToDictionary(m => m.Groups[1].Value, m => Regex.Unescape(m.Groups[2].Value), StringComparer.Ordinal);
                samples.Add(new Sample(match.Groups["name"].Value, labels, double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture)));
            }
        }

        return new PrometheusScrape(names, samples);
    }

    /// <summary>The samples of <paramref name="name"/> whose labels include every pair of <paramref name="labels"/>.</summary>
    public IEnumerable<Sample> Of(string name, params (string Label, string Value)[] labels) =>
        Samples.Where(s => s.Name == name && labels.All(l => s.Labels.GetValueOrDefault(l.Label) == l.Value));

    /// <summary>The sum of <paramref name="name"/>'s samples per value of <paramref name="label"/>.</summary>
    public Dictionary<string, double> SumBy(string name, string label, params (string Label, string Value)[] labels) =>
        Of(name, labels).GroupBy(s => s.Labels.GetValueOrDefault(label) ?? "").ToDictionary(g => g.Key, g => g.Sum(s => s.Value), StringComparer.Ordinal);

    public double Sum(string name, params (string Label, string Value)[] labels) => Of(name, labels).Sum(s => s.Value);

    [GeneratedRegex("""^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>.*)\})?\s+(?<value>\S+)(\s+\S+)?$""")]
    private static partial Regex SampleLine();

    [GeneratedRegex(@"([a-zA-Z_][a-zA-Z0-9_]*)=""((?:[^""\\]|\\.)*)""")]
    private static partial Regex LabelPair();

    public sealed record Sample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);
}
