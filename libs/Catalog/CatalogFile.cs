using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace TokenOptimizer.Catalog;

/// <summary>Reads the catalog file written by <c>tools/catalog/build_catalog.py</c>.</summary>
internal static class CatalogFile
{
    public static ModelCatalog Read(Stream json)
    {
        ArgumentNullException.ThrowIfNull(json);
        CatalogFileDto file;
        try
        {
            file = JsonSerializer.Deserialize(json, CatalogJsonContext.Default.CatalogFileDto)
                ?? throw new InvalidDataException("The catalog file is empty.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"The catalog file is not valid: {e.Message}", e);
        }

        var entries = new List<CatalogEntry>(file.Models.Count);
        var keys = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var model in file.Models)
        {
            if (string.IsNullOrWhiteSpace(model.Key) || string.IsNullOrWhiteSpace(model.Provider))
            {
                throw new InvalidDataException("A catalog model lacks its key or provider.");
            }

            if (!keys.Add(model.Key))
            {
                throw new InvalidDataException($"The catalog holds '{model.Key}' twice (keys are case-insensitive).");
            }

            var info = new ModelInfo
            {
                Key = model.Key,
                Provider = model.Provider,
                Mode = model.Mode,
                MaxInputTokens = model.MaxInputTokens,
                MaxOutputTokens = model.MaxOutputTokens,
                Capabilities = ParseCapabilities(model.Key, model.Capabilities),
                OtherSources = [.. (model.OtherSources ?? []).Select(o => ToSourcedRates(model.Key, o))],
            };
            var prices = model.Prices.Select(p => ToPrice(model.Key, p)).OrderBy(p => p.EffectiveFrom).ToImmutableArray();
            entries.Add(new CatalogEntry(info, ProviderNames.Family(model.Provider), prices));
        }

        return new ModelCatalog(entries);
    }

    private static ModelPrice ToPrice(string key, PriceDto price)
    {
        if (string.IsNullOrWhiteSpace(price.Version))
        {
            throw new InvalidDataException($"A price of '{key}' has no version.");
        }

        return new ModelPrice
        {
            Version = price.Version,
            Source = price.Source,
            EffectiveFrom = price.EffectiveFrom,
            Standard = ToRates(key, price)!,
            Above200k = ToRates(key, price.Above200k),
            Above128k = ToRates(key, price.Above128k),
            Batch = ToRates(key, price.Batch),
            Flex = ToRates(key, price.Flex),
            Priority = ToRates(key, price.Priority),
        };
    }

    private static SourcedRates ToSourcedRates(string key, OtherSourceDto other)
    {
        if (string.IsNullOrWhiteSpace(other.Source) || string.IsNullOrWhiteSpace(other.Version))
        {
            throw new InvalidDataException($"A price of another source for '{key}' lacks its source or version.");
        }

        return new SourcedRates { Source = other.Source, Version = other.Version, Rates = ToRates(key, other)! };
    }

    private static TokenRates? ToRates(string key, RatesDto? rates) => rates is null
        ? null
        : new TokenRates
        {
            Input = ToDecimal(key, rates.Input),
            Output = ToDecimal(key, rates.Output),
            CacheRead = ToDecimal(key, rates.CacheRead),
            CacheWrite = ToDecimal(key, rates.CacheWrite),
            CacheWriteOneHour = ToDecimal(key, rates.CacheWriteOneHour),
            Reasoning = ToDecimal(key, rates.Reasoning),
        };

    // Prices are decimal strings so that they never pass through a binary float.
    private static decimal? ToDecimal(string key, string? text)
    {
        if (text is null)
        {
            return null;
        }

        if (!decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            throw new InvalidDataException($"'{key}' has a price that is not a plain decimal: '{text}'.");
        }

        return value;
    }

    private static ModelCapabilities ParseCapabilities(string key, List<string>? names)
    {
        var capabilities = ModelCapabilities.None;
        foreach (var name in names ?? [])
        {
            // Enum.TryParse would also take "3" or "Vision, Reasoning"; the file names one flag per item.
            if (!Enum.TryParse<ModelCapabilities>(name, ignoreCase: true, out var capability)
                || !Enum.IsDefined(capability) || capability == ModelCapabilities.None)
            {
                throw new InvalidDataException($"'{key}' has an unknown capability '{name}'.");
            }

            capabilities |= capability;
        }

        return capabilities;
    }
}

internal sealed class CatalogFileDto
{
    public List<ModelDto> Models { get; set; } = [];
}

internal sealed class ModelDto
{
    public string Key { get; set; } = "";
    public string Provider { get; set; } = "";
    public string? Mode { get; set; }
    public int? MaxInputTokens { get; set; }
    public int? MaxOutputTokens { get; set; }
    public List<string>? Capabilities { get; set; }
    public List<PriceDto> Prices { get; set; } = [];
    public List<OtherSourceDto>? OtherSources { get; set; }
}

internal sealed class OtherSourceDto : RatesDto
{
    public string Source { get; set; } = "";
    public string Version { get; set; } = "";
}

internal class RatesDto
{
    public string? Input { get; set; }
    public string? Output { get; set; }
    public string? CacheRead { get; set; }
    public string? CacheWrite { get; set; }
    public string? CacheWriteOneHour { get; set; }
    public string? Reasoning { get; set; }
}

internal sealed class PriceDto : RatesDto
{
    public DateTimeOffset EffectiveFrom { get; set; }
    public string Version { get; set; } = "";
    public string? Source { get; set; }
    public RatesDto? Above200k { get; set; }
    public RatesDto? Above128k { get; set; }
    public RatesDto? Batch { get; set; }
    public RatesDto? Flex { get; set; }
    public RatesDto? Priority { get; set; }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(CatalogFileDto))]
internal sealed partial class CatalogJsonContext : JsonSerializerContext;
