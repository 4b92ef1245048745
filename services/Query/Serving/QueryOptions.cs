namespace TokenOptimizer.Query.Serving;

/// <summary>Configuration section <c>Query</c>.</summary>
public sealed class QueryOptions
{
    public const string Section = "Query";

    /// <summary>How long the minute rollups are kept (Aggregation's <c>Rollups:MinuteRetention</c>); older edges use hours.</summary>
    public TimeSpan MinuteRowsKeptFor { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How often the dashboard subscription looks for advanced read models.</summary>
    public TimeSpan UpdatePollInterval { get; set; } = TimeSpan.FromMilliseconds(250);
}
