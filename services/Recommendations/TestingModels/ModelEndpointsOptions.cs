namespace TokenOptimizer.Recommendations.TestingModels;

/// <summary>
/// The chat endpoints model tests and the narrative call, keyed by provider name as the usage reports it
/// (<c>openai</c>, <c>anthropic</c>, …; case-insensitive). Section <c>Recommendations</c>, key <c>Endpoints</c>.
/// </summary>
public sealed class ModelEndpointsOptions
{
    public const string Section = "Recommendations";

    public Dictionary<string, ChatEndpointOptions> Endpoints { get; } = new(StringComparer.OrdinalIgnoreCase);
}
