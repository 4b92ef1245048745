namespace TokenOptimizer.Catalog;

/// <summary>Facts about one catalog entry, apart from its prices.</summary>
public sealed record ModelInfo
{
    /// <summary>The catalog key, e.g. <c>gpt-4o</c> or <c>azure/gpt-4o</c>: what a resolved model name points to.</summary>
    public required string Key { get; init; }

    /// <summary>
    /// The provider id as the source states it, e.g. <c>openai</c>, <c>bedrock_converse</c>,
    /// <c>vertex_ai-language-models</c>; empty for a custom entry that names no provider.
    /// </summary>
    public required string Provider { get; init; }

    /// <summary>The call type, e.g. <c>chat</c>, <c>embedding</c>, <c>responses</c>; <see langword="null"/> if not stated.</summary>
    public string? Mode { get; init; }

    /// <summary>The context window in tokens, if stated.</summary>
    public int? MaxInputTokens { get; init; }

    /// <summary>The maximum completion length in tokens, if stated.</summary>
    public int? MaxOutputTokens { get; init; }

    /// <summary>What the model supports.</summary>
    public ModelCapabilities Capabilities { get; init; }

    /// <summary>The standard rates of the public sources whose price was not taken and differs from the shipped one.</summary>
    public IReadOnlyList<SourcedRates> OtherSources { get; init; } = [];
}
