namespace TokenOptimizer.ReadModels;

/// <summary>
/// One budget's live state as its grain (Aggregation's BudgetGrain) persists it on change and on deactivation, in
/// <see cref="GrainStateTable"/> under <see cref="StateName"/>: its terms, the spend of its latest periods, every
/// threshold crossing, and the last event sequence applied (batches at or below it are replays). Read through
/// <see cref="BudgetStatusReader"/>.
/// </summary>
public record BudgetState
{
    /// <summary>The state's name in <see cref="GrainStateTable"/>.</summary>
    public const string StateName = "budget";

    /// <summary>How many periods' spend the state keeps: the one in progress and late events' earlier ones.</summary>
    public const int PeriodsKept = 3;

    /// <summary>How many crossings the state keeps, newest last.</summary>
    public const int AlertsKept = 200;

    public string BudgetId { get; init; } = "";

    /// <summary>Null until the budget's definition arrived.</summary>
    public BudgetTerms? Terms { get; init; }

    public bool Removed { get; init; }

    /// <summary>Spend per period, oldest first.</summary>
    public IReadOnlyList<BudgetPeriodSpend> Periods { get; init; } = [];

    /// <summary>Threshold crossings, oldest first.</summary>
    public IReadOnlyList<BudgetAlert> Alerts { get; init; } = [];

    public long LastSequence { get; init; }
}

/// <summary>
/// A period's spend, and its hourly spend over the <see cref="RecentHours"/> before its latest hour with spend,
/// which the forecast's recent trend needs.
/// </summary>
public sealed record BudgetPeriodSpend(DateTimeOffset Start, DateTimeOffset End, decimal SpentUsd, IReadOnlyList<HourSpend> Hours)
{
    public static readonly TimeSpan RecentHours = TimeSpan.FromDays(3);
}

/// <summary>Spend within one hour (its start, UTC).</summary>
public sealed record HourSpend(DateTimeOffset Hour, decimal SpentUsd);
