using Anthropic.Models.Messages;

namespace TokenOptimizer.Client.Anthropic;

/// <summary>
/// What the Anthropic SDK's <c>IChatClient</c> (<c>client.AsIChatClient(model)</c>) leaves out of its usage and errors,
/// for <see cref="UsageRecordingOptions.SdkDetails"/>: <c>.UseTokenOptimizer(o =&gt; o.SdkDetails = AnthropicSdkDetails.Instance)</c>.
/// </summary>
public sealed class AnthropicSdkDetails : ISdkUsageDetails
{
    private AnthropicSdkDetails()
    {
    }

    /// <summary>The one instance; it holds no state.</summary>
    public static AnthropicSdkDetails Instance { get; } = new();

    /// <inheritdoc />
    public int? StatusOf(Exception error) => AnthropicErrors.StatusOf(error);

    /// <inheritdoc />
    /// <remarks>A message has them in its usage; a stream in its <c>message_start</c> event only.</remarks>
    public long OneHourCacheWrites(object? rawRepresentation) => rawRepresentation switch
    {
        Message message => AnthropicUsage.From(message).CacheWriteOneHour,
        RawMessageStreamEvent streamEvent when streamEvent.TryPickStart(out var start) => AnthropicUsage.From(start.Message).CacheWriteOneHour,
        _ => 0,
    };
}
