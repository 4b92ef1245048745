namespace TokenOptimizer.Client;

/// <summary>How <see cref="UsageRecordingChatClient"/> describes the calls through it.</summary>
public sealed class UsageRecordingOptions : CallAttribution
{
    /// <summary>The provider to record; by default the inner client's <c>ChatClientMetadata.ProviderName</c>.</summary>
    public string? Provider { get; set; }
}
