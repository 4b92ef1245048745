namespace TokenOptimizer.Recommendations.Narrating;

/// <summary>
/// The optional plain-language narrative. Off unless both <see cref="Provider"/> and <see cref="Model"/> are
/// set and the provider has an endpoint under <c>Recommendations:Endpoints</c>. Section <c>Recommendations:Narrative</c>.
/// </summary>
public sealed class NarrativeOptions
{
    public const string Section = "Recommendations:Narrative";

    public string? Provider { get; set; }

    public string? Model { get; set; }

    /// <summary>How long to wait for the narrative before going without it.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    public int MaxOutputTokens { get; set; } = 300;
}
