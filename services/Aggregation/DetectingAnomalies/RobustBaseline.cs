namespace TokenOptimizer.Aggregation.DetectingAnomalies;

/// <summary>How an observed value compares with its baseline.</summary>
public sealed record BaselineComparison(double Observed, double Median, double Mad, double RobustZ, bool IsAnomaly);

/// <summary>
/// The modified z-score of Iglewicz and Hoaglin: z = 0.6745 · (x − median) / MAD, with MAD the median absolute
/// deviation of the baseline. Median and MAD ignore the baseline's own outliers (one bad day does not move
/// them), unlike mean and standard deviation. A value is anomalous when |z| ≥ 3.5 (their recommended cut-off)
/// and it also departs materially from the median (<c>minimumDeviation</c>), so a flat baseline (MAD ≈ 0)
/// does not flag noise. A MAD of zero is replaced by 1% of the median.
/// </summary>
public static class RobustBaseline
{
    public const double Threshold = 3.5;

    public static BaselineComparison? Compare(double observed, IReadOnlyList<double> baseline, double minimumDeviation, int minimumPoints = 5)
    {
        if (baseline.Count < minimumPoints)
        {
            return null;
        }

        var median = Median(baseline);
        var mad = Median(baseline.Select(v => Math.Abs(v - median)).ToList());
        var scale = mad > 0 ? mad : Math.Max(Math.Abs(median) * 0.01, 1e-9);
        var z = 0.6745 * (observed - median) / scale;
        return new BaselineComparison(observed, median, mad, Math.Round(z, 3), Math.Abs(z) >= Threshold && Math.Abs(observed - median) >= minimumDeviation);
    }

    private static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
