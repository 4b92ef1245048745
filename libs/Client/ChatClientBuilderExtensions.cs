using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace TokenOptimizer.Client;

/// <summary>Adds <see cref="UsageRecordingChatClient"/> to a Microsoft.Extensions.AI pipeline.</summary>
public static class ChatClientBuilderExtensions
{
    /// <summary>
    /// Records every call's usage through the pipeline, e.g. <c>.UseTokenOptimizer(o =&gt; o.Feature = "support-chat")</c>.
    /// The recorder is <paramref name="recorder"/>, or the <see cref="IUsageRecorder"/> registered by
    /// <c>services.AddTokenOptimizerClient(...)</c>.
    /// </summary>
    public static ChatClientBuilder UseTokenOptimizer(
        this ChatClientBuilder builder, Action<UsageRecordingOptions>? configure = null, IUsageRecorder? recorder = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = new UsageRecordingOptions();
        configure?.Invoke(options);
        return builder.Use((inner, services) =>
            new UsageRecordingChatClient(inner, recorder ?? services.GetRequiredService<IUsageRecorder>(), options));
    }
}
