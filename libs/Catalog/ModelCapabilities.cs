namespace TokenOptimizer.Catalog;

/// <summary>What a model supports, as the catalog states it (an absent flag means "not stated").</summary>
[Flags]
public enum ModelCapabilities
{
    /// <summary>No capability stated.</summary>
    None = 0,

    /// <summary>Accepts images as input.</summary>
    Vision = 1 << 0,

    /// <summary>Supports function (tool) calling.</summary>
    FunctionCalling = 1 << 1,

    /// <summary>Supports a JSON response schema (structured output).</summary>
    ResponseSchema = 1 << 2,

    /// <summary>Supports prompt caching.</summary>
    PromptCaching = 1 << 3,

    /// <summary>Produces reasoning (thinking) tokens.</summary>
    Reasoning = 1 << 4,
}
