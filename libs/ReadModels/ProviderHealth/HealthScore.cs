using TokenOptimizer.Contracts;

namespace TokenOptimizer.ReadModels;

/// <summary>
/// A provider's or model's health score, 0–100 (a model's from its own calls, under its provider's circuit): start at 100 and subtract
/// <list type="bullet">
/// <item>errors: 200 × the recent error rate, at most 60 (10% errors → −20);</item>
/// <item>latency: 25 × how far the recent p95 exceeds the day's p95 (p95/p95₂₄ₕ − 1), at most 25 (doubled → −25);</item>
/// <item>uptime: 150 × the 24-hour downtime share, at most 15 (90% up → −15);</item>
/// </list>
/// then cap it at 20 while the circuit is open and 50 while half-open. Healthy at 80 or more, warning at 50
/// or more, critical below.
/// </summary>
public static class HealthScore
{
    public static int Compute(double errorRate, double? recentP95, double? dayP95, double uptime24h, string circuitState)
    {
        var score = 100.0;
        score -= Math.Min(60, errorRate * 200);
        if (recentP95 is { } recent && dayP95 is > 0)
        {
            score -= Math.Clamp((recent / dayP95.Value - 1) * 25, 0, 25);
        }

        score -= Math.Min(15, (1 - uptime24h) * 150);
        score = circuitState switch
        {
            CircuitStates.Open => Math.Min(score, 20),
            CircuitStates.HalfOpen => Math.Min(score, 50),
            _ => score,
        };
        return (int)Math.Round(Math.Clamp(score, 0, 100));
    }

    public static string StatusOf(int score) => score >= 80 ? "healthy" : score >= 50 ? "warning" : "critical";
}
