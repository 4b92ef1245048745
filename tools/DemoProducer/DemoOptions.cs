namespace TokenOptimizer.DemoProducer;

/// <summary>Configuration section <c>Demo</c>: how much traffic to publish.</summary>
public sealed class DemoOptions
{
    public const string Section = "Demo";

    /// <summary>Records per second at the daily peak of live traffic.</summary>
    public double PeakPerSecond { get; set; } = 20;

    /// <summary>Days of history published first, when the event log is empty.</summary>
    public int BackfillDays { get; set; } = 7;

    /// <summary>Records per day of that history.</summary>
    public int BackfillRecordsPerDay { get; set; } = 3000;
}
