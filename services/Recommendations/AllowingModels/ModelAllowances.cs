using Marten;
using TokenOptimizer.UsageLog;

namespace TokenOptimizer.Recommendations.AllowingModels;

/// <summary>
/// Which models the organisation allows, folded from one small stream. Every model is allowed until an admin says
/// otherwise; a disallowed model is never offered as a candidate.
/// </summary>
public sealed class ModelAllowances(IDocumentStore store)
{
    public const string Stream = "model-allowances";

    public async Task<IReadOnlySet<string>> DisallowedAsync(CancellationToken cancellationToken)
    {
        var disallowed = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var set in (await EventStreams.ReadAsync(store, Stream, cancellationToken)).Select(e => e.Data).OfType<ModelAllowanceSet>())
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
        EventStreams.AppendAnyAsync(store, Stream, [new ModelAllowanceSet(model, allowed, at)], cancellationToken);
}
