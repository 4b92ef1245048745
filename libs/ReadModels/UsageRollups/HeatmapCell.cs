namespace TokenOptimizer.ReadModels;

/// <summary>Usage in one hour of one weekday (UTC) over the range: <see cref="Weekday"/> 1 = Monday … 7 = Sunday, <see cref="Hour"/> 0–23.</summary>
public sealed record HeatmapCell(int Weekday, int Hour, long Requests, decimal CostUsd);
