namespace TokenOptimizer.Aggregation.TrackingProviderHealth;

/// <summary>One model's calls within one minute: a row of <c>provider_availability_minute</c>.</summary>
internal readonly record struct AvailabilityKey(string Provider, string Model, DateTime Minute);
