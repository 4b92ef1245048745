using TokenOptimizer.UsageLog;

namespace TokenOptimizer.Ingestion.PricingModels;

/// <summary>A model alias as <c>GET /v1/admin/model-aliases</c> shows it.</summary>
public sealed record ModelAliasView
{
    public required string AliasVersion { get; init; }

    public string? Provider { get; init; }

    public required string Alias { get; init; }

    public required string Model { get; init; }

    /// <summary>The catalog entry <see cref="Model"/> resolves to.</summary>
    public string? CatalogKey { get; init; }

    public required DateTimeOffset EffectiveFrom { get; init; }

    public string? Note { get; init; }

    public string? SetBy { get; init; }

    public required DateTimeOffset SetAt { get; init; }

    public static ModelAliasView From(ModelAliasSet alias, string? catalogKey) => new()
    {
        AliasVersion = alias.AliasVersion,
        Provider = alias.Provider,
        Alias = alias.Alias,
        Model = alias.Model,
        CatalogKey = catalogKey,
        EffectiveFrom = alias.EffectiveFrom,
        Note = alias.Note,
        SetBy = alias.SetBy,
        SetAt = alias.SetAt,
    };
}
