using System.Text.Json;

namespace TokenOptimizer.Ingestion.ImportingCatalogs;

/// <summary>Reads a LiteLLM or Langfuse price file, telling which from its shape when the caller does not say.</summary>
public static class PriceFileReader
{
    /// <summary>The file's prices, or null with <paramref name="problems"/> naming each fault (the model and field for a bad rate).</summary>
    public static PriceFile? Read(string content, string? format, PriceFileProblems problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(content);
        }
        catch (JsonException e)
        {
            problems.File($"The file is not valid JSON: {e.Message}");
            return null;
        }

        using (document)
        {
            var root = document.RootElement;
            format ??= root.ValueKind switch
            {
                JsonValueKind.Object => PriceFileFormats.LiteLlm,
                JsonValueKind.Array => PriceFileFormats.Langfuse,
                _ => null,
            };
            var prices = format switch
            {
                PriceFileFormats.LiteLlm when root.ValueKind == JsonValueKind.Object => LiteLlmFile.Read(root, problems),
                PriceFileFormats.Langfuse when root.ValueKind == JsonValueKind.Array => LangfuseFile.Read(root, problems),
                _ => null,
            };
            if (prices is null)
            {
                problems.File("The file is neither LiteLLM's price map (an object keyed by model) nor Langfuse's model list (an array), as 'format' says.");
                return null;
            }

            if (prices.Count == 0 && !problems.Any)
            {
                problems.File("The file prices no model per token.");
            }

            return problems.Any || format is null ? null : new PriceFile(format, prices);
        }
    }

    /// <summary>A rate: a non-negative JSON number, or null when absent. Anything else is named as the model's field.</summary>
    internal static decimal? Rate(JsonElement entry, string model, string field, PriceFileProblems problems)
    {
        if (!entry.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDecimal(out var rate))
        {
            problems.Field(model, field, $"'{model}' has {field} {value.GetRawText()}: a rate must be a number (USD per token).");
            return null;
        }

        if (rate < 0)
        {
            problems.Field(model, field, $"'{model}' has {field} {value.GetRawText()}: a rate cannot be negative.");
            return null;
        }

        // 1.0e-05 and 0.00001 are the same rate: written the shortest way, as the shipped catalog writes it.
        return rate / 1.000000000000000000000000000000000m;
    }

    internal static string? Text(JsonElement entry, string field) =>
        entry.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
