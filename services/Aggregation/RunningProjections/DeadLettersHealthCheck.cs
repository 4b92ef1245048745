using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace TokenOptimizer.Aggregation.RunningProjections;

/// <summary>
/// <c>/health</c> says Degraded while any projection has dead letters: its read models miss those events (the
/// dashboard's figures are short) until they are replayed after a fix.
/// </summary>
public sealed class DeadLettersHealthCheck(IProjectionHealth projections) : IHealthCheck
{
    public const string Name = "projections";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var withLetters = (await projections.ReadAsync(0, cancellationToken)).Where(p => p.DeadLetters > 0).ToList();
        return withLetters.Count == 0
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Degraded(
                $"Dead letters, events not in the read models until replayed: {string.Join(", ", withLetters.Select(p => $"{p.Name} {p.DeadLetters}"))}. " +
                "See GET /v1/projections; replay with POST /v1/projections/{name}/dead-letters/replay.");
    }
}
