using Microsoft.Extensions.Options;

namespace TokenOptimizer.Ingestion.PricingModels;

/// <summary>
/// Loads the custom prices before anything is priced, then looks for new ones every
/// <see cref="ModelPricingOptions.RefreshInterval"/>, so every instance converges on the same catalog.
/// </summary>
internal sealed partial class ModelPricesRefresher(
    ModelPriceLog prices, IOptions<ModelPricingOptions> options, TimeProvider clock, ILogger<ModelPricesRefresher> logger) : BackgroundService
{
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await prices.RefreshAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            await Task.Delay(options.Value.RefreshInterval, clock, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (stoppingToken.IsCancellationRequested)
            {
                return;
            }

            try
            {
                await prices.RefreshAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // Keep pricing with the catalog held; the next round tries again.
                LogRefreshFailed(logger, exception);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not look for new model prices")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception);
}
