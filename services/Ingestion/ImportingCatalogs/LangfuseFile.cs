using System.Text.Json;
using System.Text.RegularExpressions;
using TokenOptimizer.UsageLog;

namespace TokenOptimizer.Ingestion.ImportingCatalogs;

/// <summary>
/// Langfuse's default model prices, read as <c>tools/catalog/build_catalog.py</c> reads them for the shipped catalog:
/// a model's key is its <c>modelName</c>, its provider its pattern's optional prefix (else its tokenizer), its rates those
/// of its default tier, with the <c>flex</c> and <c>priority</c> service tiers.
/// </summary>
internal static partial class LangfuseFile
{
    // Our rate -> the Langfuse usage keys that carry it, the first found wins (Langfuse prices synonyms alike).
    private static readonly (string[] Keys, Func<PerTokenRates, decimal?, PerTokenRates> Set)[] RateKeys =
    [
        (["input", "input_tokens"], (r, v) => r with { InputUsd = v }),
        (["output", "output_tokens"], (r, v) => r with { OutputUsd = v }),
        (["input_cached_tokens", "input_cache_read", "cache_read_input_tokens"], (r, v) => r with { CachedInputUsd = v }),
        (["input_cache_creation_5m", "input_cache_creation", "cache_creation_input_tokens"], (r, v) => r with { CacheWriteUsd = v }),
        (["input_cache_creation_1h"], (r, v) => r with { CacheWriteOneHourUsd = v }),
        (["output_reasoning_tokens", "output_reasoning", "reasoning_tokens"], (r, v) => r with { ReasoningUsd = v }),
    ];

    private static readonly Dictionary<string, string> PrefixProviders = new() { ["anthropic"] = "anthropic", ["openai"] = "openai", ["google"] = "gemini" };
    private static readonly Dictionary<string, string> TokenizerProviders = new() { ["claude"] = "anthropic", ["openai"] = "openai" };

    public static List<ImportedModelPrice> Read(JsonElement root, PriceFileProblems problems)
    {
        var prices = new List<ImportedModelPrice>();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var position = 0;
        foreach (var model in root.EnumerateArray())
        {
            position++;
            var name = model.ValueKind == JsonValueKind.Object ? PriceFileReader.Text(model, "modelName")?.Trim() : null;
            if (string.IsNullOrEmpty(name))
            {
                problems.File($"Model {position} of the list has no modelName.");
                continue;
            }

            if (!model.TryGetProperty("pricingTiers", out var tiers) || tiers.ValueKind != JsonValueKind.Array
                || tiers.EnumerateArray().FirstOrDefault(IsDefault) is not { ValueKind: JsonValueKind.Object } standardTier)
            {
                problems.Field(name, "pricingTiers", $"'{name}' has no default pricing tier.");
                continue;
            }

            var standard = Rates(standardTier, name, problems);
            if (standard is null || standard.InputUsd is null && standard.OutputUsd is null || !names.Add(name))
            {
                continue; // priced per request or not at all, or named twice
            }

            prices.Add(new ImportedModelPrice
            {
                Model = name,
                Provider = ProviderOf(model, name),
                Standard = standard,
                Flex = ServiceTier(tiers, "flex", name, problems),
                Priority = ServiceTier(tiers, "priority", name, problems),
            });
        }

        return prices;
    }

    private static bool IsDefault(JsonElement tier) =>
        tier.ValueKind == JsonValueKind.Object && tier.TryGetProperty("isDefault", out var flag) && flag.ValueKind == JsonValueKind.True;

    private static PerTokenRates? Rates(JsonElement tier, string name, PriceFileProblems problems)
    {
        if (!tier.TryGetProperty("prices", out var prices) || prices.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        PerTokenRates? rates = null;
        foreach (var (keys, set) in RateKeys)
        {
            if (keys.Select(key => PriceFileReader.Rate(prices, name, key, problems)).FirstOrDefault(rate => rate is not null) is { } value)
            {
                rates = set(rates ?? new PerTokenRates(), value);
            }
        }

        return rates;
    }

    // A tier chosen by the request's service_tier alone is ours; Langfuse's other conditions have no field in the usage contract.
    private static PerTokenRates? ServiceTier(JsonElement tiers, string serviceTier, string name, PriceFileProblems problems)
    {
        var tier = tiers.EnumerateArray()
            .Where(t => !IsDefault(t) && t.ValueKind == JsonValueKind.Object)
            .OrderBy(t => t.TryGetProperty("priority", out var p) && p.TryGetInt32(out var order) ? order : int.MaxValue)
            .FirstOrDefault(t => ChosenBy(t, serviceTier));
        return tier.ValueKind == JsonValueKind.Object ? Rates(tier, name, problems) : null;
    }

    private static bool ChosenBy(JsonElement tier, string serviceTier) =>
        tier.TryGetProperty("conditions", out var conditions) && conditions.ValueKind == JsonValueKind.Array
        && conditions.GetArrayLength() == 1
        && conditions[0] is var condition && condition.ValueKind == JsonValueKind.Object
        && PriceFileReader.Text(condition, "source") == "model_parameters"
        && PriceFileReader.Text(condition, "key") == "service_tier"
        && PriceFileReader.Text(condition, "operator") == "in"
        && condition.TryGetProperty("values", out var values) && values.ValueKind == JsonValueKind.Array
        && values.EnumerateArray().Any(v => v.ValueKind == JsonValueKind.String && v.GetString() == serviceTier);

    private static string ProviderOf(JsonElement model, string name)
    {
        var pattern = PriceFileReader.Text(model, "matchPattern") ?? "";
        if (PatternPrefix().Match(pattern.ToLowerInvariant()) is { Success: true } prefix && PrefixProviders.TryGetValue(prefix.Groups[1].Value, out var provider))
        {
            return provider;
        }

        if (PriceFileReader.Text(model, "tokenizerId") is { } tokenizer && TokenizerProviders.TryGetValue(tokenizer, out provider))
        {
            return provider;
        }

        // PaLM 2 is served by Vertex AI alone; any other model of no known provider is priced under any provider.
        return name.StartsWith("text-bison", StringComparison.OrdinalIgnoreCase) ? "vertex_ai" : "";
    }

    // The optional prefix group right after ^: ^(anthropic/)?…, ^((anthropic\/)?claude-…, ^(google(ai)?/)?…
    [GeneratedRegex(@"^(?:\(\?i\))?\^\(+([a-z]+)")]
    private static partial Regex PatternPrefix();
}
