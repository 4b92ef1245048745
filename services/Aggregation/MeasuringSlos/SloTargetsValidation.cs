namespace TokenOptimizer.Aggregation.MeasuringSlos;

/// <summary>
/// The shape rules of <see cref="SetSloTargets"/>, each problem under the field's path as sent
/// (<c>global.availability</c>, <c>providers.openai.latencyP95Ms</c>): rates in (0, 1], latency above 0 ms.
/// </summary>
public static class SloTargetsValidation
{
    public static Dictionary<string, string[]> Problems(SetSloTargets command)
    {
        var problems = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (command.Global is null && command.Providers is null)
        {
            problems["targets"] = ["Give 'global', 'providers' or both."];
        }

        Check(command.Global, "global", problems);
        foreach (var (provider, targets) in command.Providers ?? new Dictionary<string, SloTargets>())
        {
            if (string.IsNullOrWhiteSpace(provider))
            {
                problems["providers"] = ["A provider name cannot be empty."];
            }
            else if (targets is null)
            {
                problems[$"providers.{provider}"] = ["Give the provider's targets."];
            }
            else
            {
                Check(targets, $"providers.{provider}", problems);
            }
        }

        return problems;
    }

    private static void Check(SloTargets? targets, string path, Dictionary<string, string[]> problems)
    {
        if (targets?.Availability is { } availability && !IsRate(availability))
        {
            problems[$"{path}.availability"] = ["Must be a share of calls above 0 and at most 1, e.g. 0.995."];
        }

        if (targets?.ErrorRate is { } errorRate && !IsRate(errorRate))
        {
            problems[$"{path}.errorRate"] = ["Must be a share of calls above 0 and at most 1, e.g. 0.02."];
        }

        if (targets?.LatencyP95Ms is { } latency && !(double.IsFinite(latency) && latency > 0))
        {
            problems[$"{path}.latencyP95Ms"] = ["Must be a number of milliseconds above 0."];
        }
    }

    private static bool IsRate(double value) => value > 0 && value <= 1;
}
