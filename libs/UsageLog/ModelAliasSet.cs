namespace TokenOptimizer.UsageLog;

/// <summary>
/// An administrator said that calls reporting <see cref="Alias"/> (a deployment name) were made to <see cref="Model"/>
/// from an instant on. Stored in <see cref="UsageStreams.ModelPrices"/> beside the custom prices, so one stream version
/// names the whole price list; a later alias for the same name and instant replaces an earlier one. Usage it changes
/// gets a <see cref="UsageRepriced"/> naming <see cref="AliasVersion"/>.
/// </summary>
public sealed record ModelAliasSet
{
    /// <summary>The alias's version, <c>alias:&lt;n&gt;</c> where n is its position in the stream.</summary>
    public required string AliasVersion { get; init; }

    /// <summary>The provider, e.g. <c>azure</c>; <see langword="null"/> for the name under any provider.</summary>
    public string? Provider { get; init; }

    /// <summary>The model name as calls report it, e.g. <c>prod-chat-eastus</c>.</summary>
    public required string Alias { get; init; }

    /// <summary>The catalog model it stands for, e.g. <c>gpt-4o-2024-08-06</c>.</summary>
    public required string Model { get; init; }

    /// <summary>The instant from which the alias applies; it may lie in the past.</summary>
    public required DateTimeOffset EffectiveFrom { get; init; }

    /// <summary>Why it was set, e.g. <c>prod-chat-eastus moved to 4o-mini</c>.</summary>
    public string? Note { get; init; }

    /// <summary>Who set it, once the API knows its callers; <see langword="null"/> until then.</summary>
    public string? SetBy { get; init; }

    /// <summary>When it was set.</summary>
    public required DateTimeOffset SetAt { get; init; }
}
