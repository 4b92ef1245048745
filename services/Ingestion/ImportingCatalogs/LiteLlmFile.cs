using System.Text.Json;
using TokenOptimizer.UsageLog;

namespace TokenOptimizer.Ingestion.ImportingCatalogs;

/// <summary>
/// LiteLLM's model cost map, read as <c>tools/catalog/build_catalog.py</c> reads it for the shipped catalog (the field
/// table is in <c>libs/Catalog/Data/README.md</c>): token-priced entries only, a key held twice in different case once.
/// </summary>
internal static class LiteLlmFile
{
    private const string DocumentationEntry = "sample_spec";

    private static readonly (string Field, Func<PerTokenRates, decimal?, PerTokenRates> Set)[] BaseRates =
    [
        ("input_cost_per_token", (r, v) => r with { InputUsd = v }),
        ("output_cost_per_token", (r, v) => r with { OutputUsd = v }),
        ("cache_read_input_token_cost", (r, v) => r with { CachedInputUsd = v }),
        ("cache_creation_input_token_cost", (r, v) => r with { CacheWriteUsd = v }),
        ("cache_creation_input_token_cost_above_1hr", (r, v) => r with { CacheWriteOneHourUsd = v }),
        ("output_cost_per_reasoning_token", (r, v) => r with { ReasoningUsd = v }),
    ];

    // Context tiers carry every rate but reasoning; service tiers input, output and cache reads (as LiteLLM states them).
    private static readonly string[] ContextTierFields = [.. BaseRates.Take(5).Select(r => r.Field)];
    private static readonly string[] ServiceTierFields = [.. BaseRates.Take(3).Select(r => r.Field)];

    public static List<ImportedModelPrice> Read(JsonElement root, PriceFileProblems problems)
    {
        var prices = new List<ImportedModelPrice>();
        var keys = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var property in root.EnumerateObject())
        {
            var key = property.Name.Trim();
            var entry = property.Value;
            if (key == DocumentationEntry || entry.ValueKind != JsonValueKind.Object || !IsTokenPriced(entry) || !keys.Add(key))
            {
                continue;
            }

            if (PriceFileReader.Text(entry, "litellm_provider") is not { Length: > 0 } provider)
            {
                problems.Field(key, "litellm_provider", $"'{key}' states no litellm_provider: whose model it is must be known.");
                continue;
            }

            var standard = Rates(entry, key, "", BaseRates.Select(r => r.Field), problems) ?? new PerTokenRates();
            prices.Add(new ImportedModelPrice
            {
                Model = key,
                Provider = provider,
                Mode = PriceFileReader.Text(entry, "mode"),
                Standard = standard,
                Above200k = Rates(entry, key, "_above_200k_tokens", ContextTierFields, problems),
                Above128k = Rates(entry, key, "_above_128k_tokens", ContextTierFields, problems),
                Batch = Rates(entry, key, "_batches", ServiceTierFields, problems),
                Flex = Rates(entry, key, "_flex", ServiceTierFields, problems),
                Priority = Rates(entry, key, "_priority", ServiceTierFields, problems),
            });
        }

        return prices;
    }

    private static bool IsTokenPriced(JsonElement entry) => IsStated(entry, "input_cost_per_token") || IsStated(entry, "output_cost_per_token");

    private static bool IsStated(JsonElement entry, string field) => entry.TryGetProperty(field, out var value) && value.ValueKind != JsonValueKind.Null;

    // The tier's rates, or null when the file states none of them.
    private static PerTokenRates? Rates(JsonElement entry, string key, string suffix, IEnumerable<string> fields, PriceFileProblems problems)
    {
        PerTokenRates? rates = null;
        foreach (var field in fields)
        {
            if (PriceFileReader.Rate(entry, key, field + suffix, problems) is { } value)
            {
                rates = BaseRates.First(r => r.Field == field).Set(rates ?? new PerTokenRates(), value);
            }
        }

        return rates;
    }
}
