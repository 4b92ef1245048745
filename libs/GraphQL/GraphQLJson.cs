using System.Collections;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace TokenOptimizer.GraphQL;

/// <summary>JSON reading and writing for requests and results, without reflection.</summary>
public static class GraphQLJson
{
    /// <summary>
    /// Writer options for responses: relaxed escaping keeps messages such as <c>&lt;EOF&gt;</c> and quotes readable.
    /// Responses are served as JSON, never embedded in HTML, so HTML-sensitive characters need no escaping.
    /// </summary>
    public static JsonWriterOptions WriterOptions { get; } = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Serialises a result as <c>{"errors":…,"data":…,"extensions":…}</c>.</summary>
    /// <param name="result">The result.</param>
    /// <returns>The JSON text.</returns>
    public static string Serialize(ExecutionResult result)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, WriterOptions))
        {
            Write(writer, result);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Writes a result to a JSON writer.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="result">The result.</param>
    public static void Write(Utf8JsonWriter writer, ExecutionResult result)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(result);
        writer.WriteStartObject();
        if (result.Errors is { Count: > 0 } errors)
        {
            writer.WritePropertyName("errors");
            WriteErrors(writer, errors);
        }

        if (result.HasData)
        {
            writer.WritePropertyName("data");
            WriteValue(writer, result.Data);
        }

        if (result.Extensions is not null)
        {
            writer.WritePropertyName("extensions");
            WriteValue(writer, result.Extensions);
        }

        writer.WriteEndObject();
    }

    /// <summary>Writes an <c>errors</c> array.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="errors">The errors.</param>
    public static void WriteErrors(Utf8JsonWriter writer, IEnumerable<GraphQLError> errors)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(errors);
        writer.WriteStartArray();
        foreach (var error in errors)
        {
            writer.WriteStartObject();
            writer.WriteString("message", error.Message);
            if (error.Locations is { Count: > 0 } locations)
            {
                writer.WriteStartArray("locations");
                foreach (var location in locations)
                {
                    writer.WriteStartObject();
                    writer.WriteNumber("line", location.Line);
                    writer.WriteNumber("column", location.Column);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
            }

            if (error.Path is not null)
            {
                writer.WritePropertyName("path");
                WriteValue(writer, error.Path);
            }

            if (error.Extensions is { Count: > 0 })
            {
                writer.WritePropertyName("extensions");
                WriteValue(writer, error.Extensions);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static void WriteValue(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case string s:
                writer.WriteStringValue(s);
                break;
            case bool b:
                writer.WriteBooleanValue(b);
                break;
            case int i:
                writer.WriteNumberValue(i);
                break;
            case long l:
                writer.WriteNumberValue(l);
                break;
            case double d:
                WriteDouble(writer, d);
                break;
            case decimal m:
                writer.WriteNumberValue(m);
                break;
            case float f:
                WriteDouble(writer, f);
                break;
            case JsonElement element:
                element.WriteTo(writer);
                break;
            case IEnumerable<KeyValuePair<string, object?>> map:
                writer.WriteStartObject();
                foreach (var (key, item) in map)
                {
                    writer.WritePropertyName(key);
                    WriteValue(writer, item);
                }

                writer.WriteEndObject();
                break;
            case IEnumerable list:
                writer.WriteStartArray();
                foreach (var item in list)
                {
                    WriteValue(writer, item);
                }

                writer.WriteEndArray();
                break;
            default:
                if (Inspect.IsNumber(value))
                {
                    writer.WriteNumberValue(Convert.ToDecimal(value, CultureInfo.InvariantCulture));
                }
                else
                {
                    writer.WriteStringValue(value.ToString());
                }

                break;
        }
    }

    // Integral doubles are written without a fraction, as JavaScript does (1.0 → 1).
    private static void WriteDouble(Utf8JsonWriter writer, double value)
    {
        if (Math.Floor(value) == value && Math.Abs(value) < 1e15)
        {
            writer.WriteNumberValue((long)value);
        }
        else
        {
            writer.WriteNumberValue(value);
        }
    }

    /// <summary>Converts a JSON object of variables into the plain values the engine coerces.</summary>
    /// <param name="variables">A JSON object, or null/undefined.</param>
    /// <returns>The variables, or null when absent.</returns>
    public static IReadOnlyDictionary<string, object?>? ParseVariables(JsonElement variables) =>
        variables.ValueKind == JsonValueKind.Object ? (IReadOnlyDictionary<string, object?>)ToPlain(variables)! : null;

    /// <summary>Converts any JSON value into dictionaries, lists, strings, numbers (decimal when exact, else double), booleans and null.</summary>
    /// <param name="element">The JSON value.</param>
    /// <returns>The plain value.</returns>
    public static object? ToPlain(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().ToDictionary(p => p.Name, p => ToPlain(p.Value)),
        JsonValueKind.Array => element.EnumerateArray().Select(ToPlain).ToList(),
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number => element.TryGetDecimal(out var exact) ? exact : element.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };
}
