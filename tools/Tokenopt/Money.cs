using System.Globalization;

namespace TokenOptimizer.Tokenopt;

/// <summary>USD amounts as the API sends them, exact: never rounded through a float or to cents.</summary>
public static class Money
{
    public static string Usd(decimal amount) => amount < 0
        ? "-$" + (-amount).ToString(CultureInfo.InvariantCulture)
        : "$" + amount.ToString(CultureInfo.InvariantCulture);

    /// <summary>A decimal typed by the user, read the same whatever the machine's culture.</summary>
    public static decimal Parse(string text, string option) =>
        decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new CliError($"{option} must be a decimal number such as 2.5, not '{text}'.");
}
