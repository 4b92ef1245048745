namespace TokenOptimizer.Ingestion.PricingModels;

/// <summary>A model that arrived without a price, and how many of its records wait for one.</summary>
public sealed record UnpricedModel(string Provider, string Model, long Records, DateTimeOffset FirstSeen, DateTimeOffset LastSeen);
