namespace TokenOptimizer.ReadModels;

/// <summary>What a health figure is about: a whole provider (no model) or one of its models.</summary>
internal readonly record struct HealthSubject(string Provider, string? Model);
