using System.Text.RegularExpressions;

namespace TokenOptimizer.Catalog;

public sealed partial class ModelCatalog
{
    private const string FineTunePrefix = "ft:";

    /// <summary>
    /// Finds the catalog key for a model as a caller reports it, or <see langword="null"/> if the catalog
    /// does not know it (the caller must then leave the call unpriced rather than guess).
    /// </summary>
    /// <remarks>
    /// Matching is case-insensitive and accepts an entry only if its provider is compatible with
    /// <paramref name="provider"/> (<c>vertex_ai-*</c> counts as <c>vertex_ai</c>, <c>bedrock*</c> as
    /// <c>bedrock</c>; no provider accepts any). In order, the first hit wins:
    /// <list type="number">
    /// <item>The name itself, LiteLLM's way: <c>provider/model</c>, <c>model</c>, then both again with a
    /// provider prefix stripped from the model (<c>openai/gpt-4o</c> → <c>gpt-4o</c>). So provider
    /// <c>openai</c> gets the <c>gpt-4o</c> entry and provider <c>azure</c> gets <c>azure/gpt-4o</c>.</item>
    /// <item>A fine-tune, <c>ft:base:org::id</c>: the catalog's <c>ft:base</c> entry, else the base model.</item>
    /// <item>A dated snapshot the catalog lacks: its family, found by stripping trailing date or version
    /// suffixes one at a time (<c>-2024-08-06</c>, <c>-20240806</c>, <c>@20250514</c>, <c>-v1:0</c>).</item>
    /// <item>Gateways and providers stacked in front of the model (<c>openrouter/anthropic/claude-sonnet-4-5</c>,
    /// <c>litellm_proxy/openrouter/anthropic/…</c>): each known prefix in turn (a catalog provider, a caller's alias
    /// of one, or a known gateway) is taken as the provider and the steps above are tried again, then the prefix is
    /// stripped. So the outermost gateway that prices the model wins, else the provider behind it.</item>
    /// </list>
    /// </remarks>
    /// <param name="provider">Who served the call, e.g. <c>openai</c>; <see langword="null"/> or empty if unknown.</param>
    /// <param name="model">The model name as reported, e.g. <c>openai/gpt-4o-2024-08-06</c>.</param>
    public string? ResolveModel(string? provider, string model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var name = model.Trim();
        if (name.Length == 0)
        {
            return null;
        }

        var families = ProviderNames.CallerFamilies(provider);
        if (families.Length == 0 && PrefixOf(name) is { } prefix && _knownProviderFamilies.Contains(ProviderNames.Family(prefix)))
        {
            // No provider given, but the model names one: hold the match to it.
            families = ProviderNames.CallerFamilies(prefix);
        }

        return ResolveAs(families, name) ?? ResolveThroughPrefixes(name);
    }

    private string? ResolveAs(string[] families, string name) =>
        FindExact(families, name) ?? FindFineTuneBase(families, name) ?? FindSnapshotFamily(families, name);

    private string? ResolveThroughPrefixes(string name)
    {
        var rest = name;
        while (PrefixOf(rest) is { } prefix && IsKnownPrefix(prefix))
        {
            if (ResolveAs(ProviderNames.CallerFamilies(prefix), rest) is { } key)
            {
                return key;
            }

            rest = rest[(prefix.Length + 1)..];
        }

        return null;
    }

    private bool IsKnownPrefix(string prefix) =>
        _knownProviderFamilies.Contains(ProviderNames.Family(prefix)) || ProviderNames.IsAliasOrGateway(prefix);

    private string? FindExact(string[] families, string name)
    {
        var bare = PrefixOf(name) is { } prefix ? name[(prefix.Length + 1)..] : null;
        return FindExactWithoutStripping(families, name) ?? (bare is null ? null : FindExactWithoutStripping(families, bare));
    }

    private string? FindExactWithoutStripping(string[] families, string name)
    {
        foreach (var family in families)
        {
            // A key spelled with the caller's provider as its prefix is that provider's entry.
            if (TryGetEntry($"{family}/{name}", out var prefixed))
            {
                return prefixed.Info.Key;
            }
        }

        return TryGetEntry(name, out var entry) && entry.Accepts(families) ? entry.Info.Key : null;
    }

    private string? FindFineTuneBase(string[] families, string name)
    {
        var unprefixed = name.StartsWith(FineTunePrefix, StringComparison.OrdinalIgnoreCase) || PrefixOf(name) is not { } prefix
            ? name
            : name[(prefix.Length + 1)..];
        if (!unprefixed.StartsWith(FineTunePrefix, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        // ft:<base>:<org>:<suffix>:<id>
        var baseModel = unprefixed.Split(':')[1];
        if (baseModel.Length == 0)
        {
            return null;
        }

        return FindExact(families, FineTunePrefix + baseModel)
            ?? FindExact(families, baseModel)
            ?? FindSnapshotFamily(families, baseModel);
    }

    private string? FindSnapshotFamily(string[] families, string name)
    {
        var current = name;
        while (SnapshotSuffix().Match(current) is { Success: true } suffix)
        {
            current = current[..suffix.Index];
            if (FindExact(families, current) is { } key)
            {
                return key;
            }
        }

        return null;
    }

    private static string? PrefixOf(string name)
    {
        var slash = name.IndexOf('/', StringComparison.Ordinal);
        return slash > 0 ? name[..slash] : null;
    }

    // Trailing date (-2024-08-06, -20240806, @20250514) or Bedrock version (-v1:0, -v2) suffix.
    [GeneratedRegex(@"(?:-20\d{2}-\d{2}-\d{2}|-20\d{6}|@20\d{6}|-v\d+(?::\d+)?)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SnapshotSuffix();
}
