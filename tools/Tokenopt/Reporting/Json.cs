using System.Globalization;
using System.Text.Json;

namespace TokenOptimizer.Tokenopt.Reporting;

/// <summary>Reads the API's scalars: Decimal comes as a string (exact), Long as a number.</summary>
public static class Json
{
    public static decimal Decimal(this JsonElement element, string name) =>
        decimal.Parse(element.GetProperty(name).GetString()!, NumberStyles.Number, CultureInfo.InvariantCulture);

    public static decimal? OptionalDecimal(this JsonElement element, string name) =>
        element.GetProperty(name) is { ValueKind: JsonValueKind.String } value ? decimal.Parse(value.GetString()!, NumberStyles.Number, CultureInfo.InvariantCulture) : null;

    public static string? Text(this JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public static IEnumerable<JsonElement> Items(this JsonElement element, string name) => element.GetProperty(name).EnumerateArray();
}
