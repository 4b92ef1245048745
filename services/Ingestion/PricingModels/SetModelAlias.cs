using TokenOptimizer.UsageLog;

namespace TokenOptimizer.Ingestion.PricingModels;

/// <summary>
/// The body of <c>POST /v1/admin/model-aliases</c>: calls reporting <see cref="Alias"/> (a deployment name) were made to
/// the catalog model <see cref="Model"/> from an instant on (which may lie in the past). With <see cref="DryRun"/>
/// nothing is recorded: the answer says which records the alias would re-price and by how much.
/// </summary>
public sealed record SetModelAlias
{
    /// <summary>The provider, e.g. <c>azure</c>; omitted for the name under any provider.</summary>
    public string? Provider { get; init; }

    /// <summary>The model name as calls report it, e.g. <c>prod-chat-eastus</c>.</summary>
    public string? Alias { get; init; }

    /// <summary>The model it stands for, as the catalog knows it, e.g. <c>gpt-4o-2024-08-06</c>.</summary>
    public string? Model { get; init; }

    public DateTimeOffset? EffectiveFrom { get; init; }

    public string? Note { get; init; }

    public bool DryRun { get; init; }

    /// <summary>The alias this request sets, under <paramref name="aliasVersion"/>. Call on a validated request only.</summary>
    public ModelAliasSet ToAlias(string aliasVersion, DateTimeOffset setAt) => new()
    {
        AliasVersion = aliasVersion,
        Provider = string.IsNullOrWhiteSpace(Provider) ? null : Provider.Trim(),
        Alias = Alias!.Trim(),
        Model = Model!.Trim(),
        EffectiveFrom = EffectiveFrom!.Value,
        Note = string.IsNullOrWhiteSpace(Note) ? null : Note.Trim(),
        SetAt = setAt,
    };
}
