using Google.Protobuf.Collections;
using OpenTelemetry.Proto.Common.V1;

namespace TokenOptimizer.Ingestion.ReceivingTraces;

/// <summary>A span's attributes, falling back to its resource's: what a span says about itself wins.</summary>
internal sealed class SpanAttributes(RepeatedField<KeyValue> span, RepeatedField<KeyValue>? resource)
{
    public bool HasOnSpan(string key) => Find(span, key) is not null;

    public string? String(string key) => Text(Find(span, key) ?? (resource is null ? null : Find(resource, key)));

    /// <summary>The first of <paramref name="keys"/> present with a non-empty value.</summary>
    public string? FirstString(IEnumerable<string> keys) =>
        keys.Select(String).FirstOrDefault(value => !string.IsNullOrEmpty(value));

    /// <summary>A count of the span itself (never its resource): sent as an int, by some as a double or a string.</summary>
    public long? Long(string key) => Find(span, key) switch
    {
        { ValueCase: AnyValue.ValueOneofCase.IntValue } value => value.IntValue,
        { ValueCase: AnyValue.ValueOneofCase.DoubleValue } value when double.IsFinite(value.DoubleValue) => (long)value.DoubleValue,
        { ValueCase: AnyValue.ValueOneofCase.StringValue } value when long.TryParse(value.StringValue, out var parsed) => parsed,
        _ => null,
    };

    private static string? Text(AnyValue? value) => value?.ValueCase switch
    {
        AnyValue.ValueOneofCase.StringValue => value.StringValue,
        AnyValue.ValueOneofCase.IntValue => value.IntValue.ToString(System.Globalization.CultureInfo.InvariantCulture),
        AnyValue.ValueOneofCase.BoolValue => value.BoolValue ? "true" : "false",
        _ => null,
    };

    private static AnyValue? Find(RepeatedField<KeyValue> attributes, string key)
    {
        foreach (var attribute in attributes)
        {
            if (string.Equals(attribute.Key, key, StringComparison.Ordinal))
            {
                return attribute.Value;
            }
        }

        return null;
    }
}
