using TokenOptimizer.EventStore;

namespace TokenOptimizer.Recommendations.AllowingModels;

/// <summary>
/// Which models the organisation allows, folded from one small stream. Every model is allowed until an admin says
/// otherwise; a disallowed model is never offered as a candidate.
/// </summary>
public sealed class ModelAllowances(EventLog log)
{
    public const string Stream = "model-allowances";

    public async Task<IReadOnlySet<string>> DisallowedAsync(CancellationToken cancellationToken)
    {
        var disallowed = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var set in (await log.FetchStreamAsync(Stream, cancellationToken)).Select(e => e.Data).OfType<ModelAllowanceSet>())
        {
            if (set.Allowed)
            {
                disallowed.Remove(set.Model);
            }
            else
            {
                disallowed.Add(set.Model);
            }
        }

        return disallowed;
    }

    public Task SetAsync(string model, bool allowed, DateTimeOffset at, CancellationToken cancellationToken) =>
        log.AppendAsync(Stream, ExpectedVersion.Any, [new ModelAllowanceSet(model, allowed, at)], cancellationToken);
}
