namespace TokenOptimizer.Catalog;

/// <summary>
/// An administrator's statement that calls reporting <see cref="Name"/> (an Azure deployment name, a gateway's route)
/// were made to the catalog model <see cref="Model"/>, from <see cref="EffectiveFrom"/> on. Deployments are re-pointed
/// over time, so an alias is dated like a price.
/// </summary>
public sealed record ModelAlias
{
    /// <summary>The provider the name is used with, e.g. <c>azure</c>; <see langword="null"/> for any provider.</summary>
    public string? Provider { get; init; }

    /// <summary>The model name as calls report it, e.g. <c>prod-chat-eastus</c> (case-insensitive).</summary>
    public required string Name { get; init; }

    /// <summary>The model it stands for, resolved like any reported name, e.g. <c>gpt-4o-2024-08-06</c>.</summary>
    public required string Model { get; init; }

    /// <summary>The instant from which the alias applies; it may lie in the past.</summary>
    public required DateTimeOffset EffectiveFrom { get; init; }

    /// <summary>Names the alias, e.g. <c>alias:4</c>; a call priced through it says so.</summary>
    public required string Version { get; init; }
}
