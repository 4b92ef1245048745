using System.Collections.Immutable;

namespace TokenOptimizer.Catalog;

/// <summary>A catalog key's facts, its provider family and its shipped prices, oldest first.</summary>
internal sealed record CatalogEntry(ModelInfo Info, string ProviderFamily, ImmutableArray<ModelPrice> Prices)
{
    /// <summary>An entry accepts a caller if either names no provider or their families agree.</summary>
    public bool Accepts(string[] callerFamilies) =>
        callerFamilies.Length == 0 || ProviderFamily.Length == 0 || callerFamilies.Contains(ProviderFamily);
}
