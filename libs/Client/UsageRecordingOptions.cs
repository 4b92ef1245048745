namespace TokenOptimizer.Client;

/// <summary>How <see cref="UsageRecordingChatClient"/> describes the calls through it.</summary>
public sealed class UsageRecordingOptions : CallAttribution
{
    /// <summary>
    /// The provider to record. By default it is found from the inner client's endpoint in <see cref="ProviderHosts"/>,
    /// else it is the inner client's <c>ChatClientMetadata.ProviderName</c>.
    /// </summary>
    public string? Provider { get; set; }

    /// <summary>
    /// Host → provider, for clients of one API that many providers serve (the OpenAI client pointed at Groq is a Groq
    /// call): <see cref="ProviderEndpoints.KnownHosts"/> to start with; add a gateway's or a self-hosted model's host
    /// here, in code or in configuration (<c>ProviderHosts:llm.internal.example=vllm</c>).
    /// </summary>
    public IDictionary<string, string> ProviderHosts { get; } = new Dictionary<string, string>(ProviderEndpoints.KnownHosts, StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// What the inner client's SDK reports beyond Microsoft.Extensions.AI's abstractions (error statuses of its own
    /// exception types, one-hour cache writes); none by default, which suits the OpenAI SDK's client.
    /// </summary>
    public ISdkUsageDetails? SdkDetails { get; set; }
}
