namespace TokenOptimizer.Ingestion.PricingModels;

/// <summary>The event store's table, which libs/EventStore keeps internal, for the admin queries that filter on event data.</summary>
internal static class EventTables
{
    /// <summary>As in libs/EventStore/Schema/EventsTable.cs.</summary>
    public const string Events = "events";
}
