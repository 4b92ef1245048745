namespace TokenOptimizer.Contracts;

/// <summary>
/// The values of <see cref="UsageRecorded.Capabilities"/>: what a call needed that not every model offers, so a
/// cheaper model is only suggested for traffic it can serve.
/// </summary>
public static class CallCapabilities
{
    /// <summary>The prompt held images.</summary>
    public const string Vision = "vision";

    /// <summary>The call offered tools (function calling).</summary>
    public const string Tools = "tools";

    /// <summary>The call asked for JSON output that follows a schema (structured output).</summary>
    public const string JsonSchema = "json_schema";

    /// <summary>Every known value.</summary>
    public static IReadOnlyList<string> All { get; } = [Vision, Tools, JsonSchema];
}
