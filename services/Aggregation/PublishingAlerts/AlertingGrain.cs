using Orleans.Storage;

namespace TokenOptimizer.Aggregation.PublishingAlerts;

/// <summary>
/// A grain whose state decides alerts (a provider's, a budget's): it writes its state when a batch changed it — once
/// per batch, never per call — with the alerts decided in the same transaction, and again on deactivation if a write
/// is owed. A failed write leaves the state in memory ahead of the stored one; the next call writes it before it
/// returns, so a caller told "done" always finds its batch stored.
/// </summary>
public abstract partial class AlertingGrain<TState>(IPersistentState<TState> state, ILogger logger) : Grain
    where TState : class, IAlertingState<TState>
{
    private bool _unsaved;

    protected TState State
    {
        get => state.State;
        set => state.State = value;
    }

    /// <summary>Makes <paramref name="next"/> the state and writes it with <paramref name="alerts"/>; nothing when it is the state already and no write is owed.</summary>
    protected async Task SaveAsync(TState next, IEnumerable<OutboxMessage> alerts)
    {
        if (ReferenceEquals(next, state.State) && !_unsaved)
        {
            return; // A replayed batch: nothing new to store.
        }

        state.State = next.WithOutbox([.. next.Outbox, .. alerts]);
        _unsaved = true;
        await WriteAsync();
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_unsaved)
        {
            try
            {
                await WriteAsync();
            }
            catch (Exception exception) when (exception is not InconsistentStateException)
            {
                // The daemon has not committed the batches behind it (their feed call failed): it feeds them again.
                LogDeactivationWriteFailed(this.GetGrainId().ToString(), exception);
            }
        }
    }

    private async Task WriteAsync()
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch (InconsistentStateException)
        {
            // Another activation wrote meanwhile: this one is stale. The caller retries on a fresh activation.
            DeactivateOnIdle();
            throw;
        }

        state.State = state.State.WithOutbox([]);
        _unsaved = false;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Grain {Grain}: writing its state on deactivation failed")]
    private partial void LogDeactivationWriteFailed(string grain, Exception exception);
}
