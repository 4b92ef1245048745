using TokenOptimizer.Catalog;
using TokenOptimizer.Contracts;
using TokenOptimizer.Ingestion.PricingModels;
using TokenOptimizer.Ingestion.RecordingUsage;
using TokenOptimizer.UsageLog;

namespace TokenOptimizer.Ingestion.Tests;

/// <summary>Calls, prices and streams for the pricing tests, with costs worked out by hand in each test.</summary>
internal static class PricingSamples
{
    public static readonly DateTimeOffset February = new(2025, 2, 1, 0, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset Now = new(2025, 6, 1, 9, 30, 0, TimeSpan.Zero);

    public static readonly ModelCatalog Shipped = ModelCatalog.LoadDefault();

    /// <summary>gpt-4o, 1,000 tokens in and 500 out; at the shipped $2.50/M and $10/M that is $0.0025 + $0.005.</summary>
    public static UsageRecorded Call(DateTimeOffset occurredAt, string model = "gpt-4o", string provider = "openai") => new()
    {
        RequestId = "req-" + occurredAt.ToUnixTimeSeconds(),
        OccurredAt = occurredAt,
        Provider = provider,
        Model = model,
        InputTokens = 1000,
        OutputTokens = 500,
        ServiceTier = ServiceTiers.Standard,
        Outcome = Outcomes.Succeeded,
    };

    /// <summary>A price as an admin would send it: per million tokens.</summary>
    public static SetModelPrice Request(decimal inputPerMillion, decimal outputPerMillion, DateTimeOffset from, string model = "gpt-4o", string? provider = "openai") => new()
    {
        Provider = provider,
        Model = model,
        EffectiveFrom = from,
        InputPerMillionTokens = inputPerMillion,
        OutputPerMillionTokens = outputPerMillion,
    };

    /// <summary>The stream of a call just ingested with the shipped prices.</summary>
    public static RecordedUsage Ingested(UsageRecorded call) =>
        Fold(new UsageIngested { Usage = call, Cost = UsagePricer.Price(Shipped, call), IngestedAt = call.OccurredAt, Source = "http" });

    public static RecordedUsage Fold(params object[] events) =>
        events.Select((e, i) => (Event: e, Version: i + 1)).Aggregate((RecordedUsage?)null, (state, e) => RecordedUsage.Evolve(state, e.Event, e.Version))!;
}
