using System.Collections;
using System.Globalization;

namespace TokenOptimizer.GraphQL;

/// Value helpers shared by the scalars and the coercion code: number detection and
/// graphql-js style printing of values in error messages.
internal static class Inspect
{
    public static bool IsNumber(object value) => value is int or long or short or byte or sbyte or uint or ulong or ushort
        or float or double or decimal;

    public static double ToDouble(object value) => value switch
    {
        double d => d,
        float f => f,
        decimal m => (double)m,
        _ => Convert.ToDouble(value, CultureInfo.InvariantCulture),
    };

    public static bool IsIntegral(object value) => value switch
    {
        int or long or short or byte or sbyte or uint or ulong or ushort => true,
        decimal m => decimal.Truncate(m) == m,
        double d => double.IsFinite(d) && Math.Floor(d) == d,
        float f => float.IsFinite(f) && MathF.Floor(f) == f,
        _ => false,
    };

    public static string Number(double value)
    {
        if (double.IsNaN(value))
        {
            return "NaN";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "Infinity" : "-Infinity";
        }

        return value.ToString("R", CultureInfo.InvariantCulture).Replace("E+", "e+", StringComparison.Ordinal)
            .Replace("E-", "e-", StringComparison.Ordinal);
    }

    public static string Value(object? value) => value switch
    {
        null => "null",
        string s => Language.Printer.PrintJsonString(s),
        bool b => b ? "true" : "false",
        decimal m => m.ToString(CultureInfo.InvariantCulture),
        _ when IsNumber(value) => Number(ToDouble(value)),
        IDictionary<string, object?> map => map.Count == 0
            ? "{}"
            : "{ " + string.Join(", ", map.Select(kv => $"{kv.Key}: {Value(kv.Value)}")) + " }",
        IEnumerable list => "[" + string.Join(", ", list.Cast<object?>().Select(Value)) + "]",
        _ => value.ToString() ?? "",
    };
}
