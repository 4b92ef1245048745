using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace TokenOptimizer.SystemTests.UsingTheCli;

/// <summary>Reads the figures the CLI printed and the API answered, exactly (decimal equality ignores trailing zeros).</summary>
public static partial class Figures
{
    /// <summary>A printed USD amount such as <c>$12.3400</c> or <c>-$0.5</c>.</summary>
    public static decimal Usd(string text)
    {
        var match = Amount().Match(text);
        return match.Success
            ? decimal.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture) * (match.Groups[1].Value == "-" ? -1 : 1)
            : throw new FormatException($"no USD amount in '{text}'");
    }

    /// <summary>Every printed USD amount in <paramref name="text"/>, in order.</summary>
    public static IReadOnlyList<decimal> AllUsd(string text) => Amount().Matches(text).Select(m => Usd(m.Value)).ToList();

    public static decimal Decimal(this JsonElement element, string name) => decimal.Parse(element.GetProperty(name).GetString()!, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"(-?)\$([0-9]+(?:\.[0-9]+)?)")]
    private static partial Regex Amount();
}
