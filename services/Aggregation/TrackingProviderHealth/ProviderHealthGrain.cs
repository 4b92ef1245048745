using Microsoft.Extensions.Options;
using TokenOptimizer.Aggregation.EvaluatingAlertRules;
using TokenOptimizer.Aggregation.PublishingAlerts;
using TokenOptimizer.Aggregation.RunningTheCluster;
using TokenOptimizer.ReadModels;

namespace TokenOptimizer.Aggregation.TrackingProviderHealth;

/// <summary>
/// One provider's circuit breaker, sliding window and incidents (<see cref="ProviderHealthFold"/>), fed once per batch
/// by the health projection (<see cref="IProviderHealthFeed"/>); each transition goes out through the alert outbox with
/// the state that decided it. An open circuit's cool-down ends by a reminder, which outlives the silo: gateways stop
/// calling an open provider, so no call would come to end it.
/// </summary>
public sealed class ProviderHealthGrain(
    [PersistentState(ProviderHealthState.StateName, PostgresGrainStorage.Name)] IPersistentState<ProviderHealthGrainState> state,
    IOptions<ProviderHealthOptions> options, IOptions<Orleans.Hosting.ReminderOptions> reminders, TimeProvider clock, ILogger<ProviderHealthGrain> logger)
    : AlertingGrain<ProviderHealthGrainState>(state, logger), IProviderHealthGrain, IRemindable
{
    private const string CoolDownReminder = "cool-down";

    private static readonly TimeSpan MinimumDue = TimeSpan.FromSeconds(1);

    // The opening whose cool-down reminder this activation registered.
    private int _coolDownFor;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (State.Provider.Length == 0)
        {
            State = State with { Provider = this.GetPrimaryKeyString() };
        }

        return Task.CompletedTask;
    }

    public async Task FeedAsync(IReadOnlyList<ProviderOutcome> items)
    {
        var (next, changes) = ProviderHealthFold.Apply(State, items, options.Value);
        await SaveAsync((ProviderHealthGrainState)next, changes.SelectMany(OutboxMessagesFor));
        await ScheduleCoolDownAsync();
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (ProviderHealthFold.CoolDownElapsed(State, clock.GetUtcNow(), options.Value) is var (next, change))
        {
            await SaveAsync((ProviderHealthGrainState)next, OutboxMessagesFor(change));
        }

        if (ProviderHealthFold.CoolDownEndsAt(State, options.Value) is null && await this.GetReminder(reminderName) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    // The circuit message, and the built-in alert an opening fires or a closing resolves, in the same write.
    private static IEnumerable<OutboxMessage> OutboxMessagesFor(CircuitChanged change) =>
        BuiltInAlerts.For(change) is { } alert ? [OutboxMessage.For(change), OutboxMessage.For(alert)] : [OutboxMessage.For(change)];

    // Registered once per opening (the reminder table is written once): due when the cool-down ends, then every
    // period in case that tick was missed (its silo died just then).
    private async Task ScheduleCoolDownAsync()
    {
        if (ProviderHealthFold.CoolDownEndsAt(State, options.Value) is not { } endsAt || _coolDownFor == State.Circuit.Transitions)
        {
            return;
        }

        // At least a second ahead: a reminder due at once (already past when its timer is set) first fires a period later.
        var due = endsAt - clock.GetUtcNow();
        var period = reminders.Value.MinimumReminderPeriod > options.Value.CoolDown ? reminders.Value.MinimumReminderPeriod : options.Value.CoolDown;
        await this.RegisterOrUpdateReminder(CoolDownReminder, due > MinimumDue ? due : MinimumDue, period);
        _coolDownFor = State.Circuit.Transitions;
    }
}
