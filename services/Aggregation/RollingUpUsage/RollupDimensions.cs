using TokenOptimizer.ReadModels;

namespace TokenOptimizer.Aggregation.RollingUpUsage;

/// <summary>
/// The dimensions every rollup row is keyed by; an absent team or environment is the empty string, so a
/// key is never null and the row's primary key can hold it.
/// </summary>
public readonly record struct RollupDimensions(string Provider, string Model, string Feature, string Team, string Environment, string Outcome)
{
    /// <summary>The values in <see cref="UsageRollupTables.DimensionColumns"/> order.</summary>
    public string[] Values => [Provider, Model, Feature, Team, Environment, Outcome];
}

/// <summary>A rollup row's key: the bucket's start (UTC) and its dimensions.</summary>
public readonly record struct RollupKey(DateTime BucketStart, RollupDimensions Dimensions);

/// <summary>A per-dimension rollup row's key: the bucket's start (UTC), the dimension's column and its value.</summary>
public readonly record struct DimensionKey(DateTime BucketStart, string Dimension, string Value);
