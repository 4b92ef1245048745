namespace TokenOptimizer.Client;

/// <summary>
/// What a provider SDK's own <c>IChatClient</c> knows but Microsoft.Extensions.AI's abstractions do not carry: the HTTP
/// status in the SDK's exception types, and one-hour cache writes. An adapter package implements it for its SDK
/// (<c>AnthropicSdkDetails</c> in TokenOptimizer.Client.Anthropic); set it as <see cref="UsageRecordingOptions.SdkDetails"/>.
/// </summary>
public interface ISdkUsageDetails
{
    /// <summary>The HTTP status the API answered <paramref name="error"/> with; null when it is not the SDK's or has none.</summary>
    int? StatusOf(Exception error);

    /// <summary>
    /// The one-hour cache writes in the SDK's raw representation of a response or of one streamed update (the
    /// <c>RawRepresentation</c> of <c>ChatResponse</c> / <c>ChatResponseUpdate</c>); 0 when it carries none.
    /// </summary>
    long OneHourCacheWrites(object? rawRepresentation);
}
