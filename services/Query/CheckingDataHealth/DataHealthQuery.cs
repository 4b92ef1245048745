using System.Text.Json;
using TokenOptimizer.GraphQL;
using TokenOptimizer.Query.Upstreams;

namespace TokenOptimizer.Query.CheckingDataHealth;

/// <summary>
/// Asks the owners: Aggregation for its projections (checkpoint, lag, dead letters; their replay), Ingestion for the
/// messages parked in its bus error queues (their count; moving them back).
/// </summary>
public sealed class DataHealthQuery(UpstreamClient upstream)
{
    public async Task<DataHealth> ReadAsync(CancellationToken cancellationToken)
    {
        var projections = await ProjectionsAsync(cancellationToken);
        long? faulted;
        try
        {
            var answer = await upstream.SendAsync(UpstreamClient.Ingestion, HttpMethod.Get, "/v1/admin/faulted-messages", null, cancellationToken);
            faulted = answer?.GetProperty("total").GetInt64();
        }
        catch (GraphQLException)
        {
            faulted = null; // Ingestion did not answer: the projections' part still stands
        }

        return new DataHealth(projections.Sum(p => p.DeadLetters), projections, faulted);
    }

    /// <summary>Replays the dead letters of <paramref name="projection"/>, or of every projection that has some.</summary>
    public async Task<IReadOnlyList<DeadLetterReplay>> ReplayAsync(string? projection, CancellationToken cancellationToken)
    {
        var names = projection is not null ? [projection] : (await ProjectionsAsync(cancellationToken)).Where(p => p.DeadLetters > 0).Select(p => p.Name).ToList();
        var replays = new List<DeadLetterReplay>();
        foreach (var name in names)
        {
            var answer = await upstream.SendAsync(UpstreamClient.Aggregation, HttpMethod.Post, $"/v1/projections/{Uri.EscapeDataString(name)}/dead-letters/replay", null, cancellationToken);
            replays.Add(answer!.Value.Deserialize<DeadLetterReplay>(JsonSerializerOptions.Web)!);
        }

        return replays;
    }

    /// <summary>Rebuilds the read models from the first event through <paramref name="projection"/> (any of them rebuilds all: they share one position).</summary>
    public async Task<ProjectionRebuild> RebuildAsync(string projection, CancellationToken cancellationToken)
    {
        var answer = await upstream.SendAsync(UpstreamClient.Aggregation, HttpMethod.Post, $"/v1/projections/{Uri.EscapeDataString(projection)}/rebuild", null, cancellationToken);
        return new ProjectionRebuild(projection, answer!.Value.GetProperty("checkpoint").GetInt64());
    }

    /// <summary>Moves every message parked in Ingestion's error queues back; returns how many moved.</summary>
    public async Task<long> RedeliverAsync(CancellationToken cancellationToken)
    {
        var answer = await upstream.SendAsync(UpstreamClient.Ingestion, HttpMethod.Post, "/v1/admin/faulted-messages/redeliver", null, cancellationToken);
        return answer!.Value.GetProperty("total").GetInt64();
    }

    private async Task<List<ProjectionStatus>> ProjectionsAsync(CancellationToken cancellationToken)
    {
        var answer = await upstream.SendAsync(UpstreamClient.Aggregation, HttpMethod.Get, "/v1/projections", null, cancellationToken);
        return answer?.Deserialize<List<ProjectionStatus>>(JsonSerializerOptions.Web) ?? [];
    }
}
