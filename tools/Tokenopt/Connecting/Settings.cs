using System.Text.Json.Serialization;

namespace TokenOptimizer.Tokenopt.Connecting;

/// <summary>Where the Query service is and the API key to call it with, as kept in the config file.</summary>
public sealed record Settings
{
    [JsonPropertyName("endpoint")]
    public string? Endpoint { get; init; }

    [JsonPropertyName("apiKey")]
    public string? ApiKey { get; init; }
}
