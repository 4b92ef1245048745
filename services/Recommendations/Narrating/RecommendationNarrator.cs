using System.Globalization;
using System.Text;
using Microsoft.Extensions.AI;

namespace TokenOptimizer.Recommendations.Narrating;

/// <summary>
/// A short plain-language explanation of the top recommendations, from an LLM when one is configured.
/// Decoration only: every figure comes from the recommendations themselves, and without a chat client,
/// or when the call fails or runs late, there is simply no narrative (<see langword="null"/>).
/// </summary>
public sealed partial class RecommendationNarrator(IChatClient? chat, NarrativeOptions options, ILogger<RecommendationNarrator> logger)
{
    private const string Instructions =
        "You explain cost-saving recommendations for an application's LLM usage to a non-technical reader. " +
        "Write at most five plain sentences, most valuable first. Repeat only the figures given; never compute or invent numbers. " +
        "Mention the quality impact of each change. No lists, no headings, no markdown.";

    public bool IsEnabled => chat is not null;

    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<string?> NarrateAsync(IReadOnlyList<RecommendationSummary> recommendations, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(recommendations);
        if (chat is null || recommendations.Count == 0)
        {
            return null;
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.Timeout);
        try
        {
            var response = await chat.GetResponseAsync(
                [new ChatMessage(ChatRole.System, Instructions), new ChatMessage(ChatRole.User, Describe(recommendations))],
                new ChatOptions { MaxOutputTokens = options.MaxOutputTokens },
                deadline.Token);
            var text = response.Text.Trim();
            return text.Length == 0 ? null : text;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // No narrative is a valid outcome; the exception's type is enough to tell why.
            LogNarrativeFailed(logger, e.GetType().Name);
            return null;
        }
    }

    private static string Describe(IReadOnlyList<RecommendationSummary> recommendations)
    {
        var text = new StringBuilder("Recommendations, ranked by expected saving:\n");
        for (var i = 0; i < recommendations.Count; i++)
        {
            var r = recommendations[i];
            text.Append(CultureInfo.InvariantCulture, $"{i + 1}. {r.Title}: saves about ${r.MonthlySavingUsd:N2} a month; quality: {r.QualityLabel}.\n");
        }

        return text.ToString();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No recommendation narrative: the chat call failed ({ExceptionType})")]
    private static partial void LogNarrativeFailed(ILogger logger, string exceptionType);
}
