namespace TokenOptimizer.Recommendations.Suggesting;

/// <summary>
/// How far a saving estimated from a sample can be trusted. The saving scales the window's mean cost per call, so
/// its relative error is that of the mean: the coefficient of variation over √n. Confidence is 1 − 2 × that
/// error (a 95% interval's half-width), floored at 0; few calls cap it, whatever their spread.
/// </summary>
public static class Confidence
{
    public static double Of(long requests, decimal meanCost, decimal costStdDev)
    {
        if (requests <= 0)
        {
            return 0;
        }

        var variation = meanCost == 0 ? 0 : (double)(costStdDev / meanCost);
        var relativeError = 2 * variation / Math.Sqrt(requests);
        var cap = requests < 100 ? 0.6 : requests < 1_000 ? 0.85 : 1.0;
        return Math.Round(Math.Clamp(1 - relativeError, 0, cap), 3);
    }

    public static string Label(double confidence) => confidence switch
    {
        >= 0.9 => "high",
        >= 0.7 => "medium",
        _ => "low",
    };
}
