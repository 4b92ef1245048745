using System.Text;
using System.Text.Json;
using TokenOptimizer.Access.Http;

namespace TokenOptimizer.Ingestion.Quarantining;

/// <summary>
/// JSON that a jsonb column always takes: every string and property name cleaned of what PostgreSQL refuses (U+0000,
/// unpaired surrogates: SQLSTATE 22P05). The quarantine keeps hostile input too, so keeping it must never fail.
/// </summary>
public static class StorableJson
{
    /// <summary>The element as storable JSON; of an object, only the top-level properties <paramref name="keep"/> names.</summary>
    public static string Of(JsonElement element, Func<string, bool>? keep = null)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            if (keep is not null && element.ValueKind == JsonValueKind.Object)
            {
                writer.WriteStartObject();
                foreach (var property in element.EnumerateObject().Where(p => keep(Text(() => p.Name, ""))))
                {
                    writer.WritePropertyName(property.Name);
                    Write(writer, property.Value);
                }

                writer.WriteEndObject();
            }
            else
            {
                Write(writer, element);
            }
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static void Write(Utf8JsonWriter writer, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in element.EnumerateObject())
                {
                    writer.WritePropertyName(Text(() => property.Name, "\uFFFD"));
                    Write(writer, property.Value);
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray())
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            case JsonValueKind.String:
                // A string .NET cannot read (an escaped unpaired surrogate) is kept as it was written, escapes and all.
                writer.WriteStringValue(Text(() => element.GetString()!, element.GetRawText().Trim('"')));
                break;
            default:
                element.WriteTo(writer);
                break;
        }
    }

    private static string Text(Func<string> read, string unreadable)
    {
        try
        {
            return StorableText.Clean(read());
        }
        catch (InvalidOperationException)
        {
            return StorableText.Clean(unreadable);
        }
    }
}
