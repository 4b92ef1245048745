using Microsoft.Extensions.Options;
using TokenOptimizer.ReadModels;
using TokenOptimizer.Recommendations.Lifecycle;
using TokenOptimizer.Recommendations.Realising;

namespace TokenOptimizer.Recommendations.Suggesting;

/// <summary>
/// Recomputes the recommendations on a schedule, and sooner when usage changed materially (see
/// <see cref="RecommendationsOptions.ChangeCheckInterval"/>), and records what changed: new advice is suggested, open advice whose
/// saving moved by more than <see cref="RecommendationsOptions.MaterialChange"/> is revised, open advice that no
/// longer applies is withdrawn; then accepted advice has its realised saving measured. Advice an admin decided on
/// (accepted, dismissed) keeps the figures it was decided on.
/// </summary>
public sealed partial class Recomputation(
    RecommendationEngine engine, RecommendationHandler handler, RecommendationList list, RecommendationListRunner listRunner, RealisedSavings realised,
    RequestLogReader requestLog,
    IOptions<RecommendationsOptions> options, TimeProvider clock, ILogger<Recomputation> logger) : BackgroundService
{
    /// <returns>The calls the window held.</returns>
    public async Task<long> RecomputeAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var (suggestions, windowCalls) = await engine.ComputeAsync(cancellationToken);
        foreach (var suggestion in suggestions)
        {
            await handler.HandleAsync(suggestion.Id, state => state switch
            {
                null or { Status: RecommendationStatus.Withdrawn } => [new RecommendationSuggested(suggestion, now)],
                { Status: RecommendationStatus.Suggested or RecommendationStatus.Snoozed or RecommendationStatus.Tested } when Moved(state.Suggestion, suggestion) =>
                    [new RecommendationRevised(suggestion, now)],
                _ => [],
            }, cancellationToken);
        }

        // The list is read next: it must hold what was just appended (and any decision made meanwhile).
        await listRunner.CaughtUpAsync(cancellationToken);
        var current = suggestions.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        var all = await list.ReadAsync(null, null, cancellationToken);
        foreach (var open in all)
        {
            if (open.Status is RecommendationStatus.Suggested or RecommendationStatus.Snoozed or RecommendationStatus.Tested && !current.Contains(open.Id))
            {
                await handler.HandleAsync(open.Id, state => state?.Status == open.Status ? [new RecommendationWithdrawn(now)] : [], cancellationToken);
            }
        }

        // Withdrawing changes no acceptance, so the list just read serves the measuring too.
        await realised.MeasureAsync(all, cancellationToken);
        return windowCalls;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.ChangeCheckInterval, clock);
        DateTimeOffset? lastRun = null;
        long callsThen = 0;
        long positionThen = 0;
        do
        {
            try
            {
                var now = clock.GetUtcNow();
                var position = await requestLog.PositionAsync(stoppingToken);
                var moved = position - positionThen >= Math.Max(options.Value.MinimumRequests, (long)(callsThen * options.Value.MaterialChange));
                if (lastRun is null || now - lastRun >= options.Value.RecomputeInterval || moved)
                {
                    positionThen = position;
                    lastRun = now;
                    callsThen = await RecomputeAsync(stoppingToken);
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogRecomputeFailed(exception);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }


    private bool Moved(Suggestion before, Suggestion after) =>
        before.ConfidenceLabel != after.ConfidenceLabel
        || Math.Abs(after.MonthlySavingUsd - before.MonthlySavingUsd) > Math.Abs(before.MonthlySavingUsd) * options.Value.MaterialChange;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Recomputing recommendations failed; trying again at the next interval")]
    private partial void LogRecomputeFailed(Exception exception);
}
