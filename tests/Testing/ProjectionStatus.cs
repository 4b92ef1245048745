using System.Net.Http.Json;
using System.Text.Json;

namespace TokenOptimizer.Testing;

/// <summary>A projection as <c>GET /v1/projections</c> of one Aggregation instance shows it.</summary>
/// <param name="Name">The projection.</param>
/// <param name="Checkpoint">The position of the last event it passed.</param>
/// <param name="Lag">Events in the log it has still to apply.</param>
/// <param name="DeadLetters">Events it set aside.</param>
/// <param name="RunsHere">Whether the instance asked applies it now.</param>
public sealed record ProjectionStatus(string Name, long Checkpoint, long Lag, int DeadLetters, bool RunsHere)
{
    /// <summary>Every projection, as the Aggregation instance at <paramref name="instance"/> shows it (<paramref name="http"/> sends a read key).</summary>
    public static async Task<IReadOnlyList<ProjectionStatus>> ReadAsync(HttpClient http, Uri instance, CancellationToken cancellationToken = default) =>
        await http.GetFromJsonAsync<List<ProjectionStatus>>(new Uri(instance, "/v1/projections"), JsonSerializerOptions.Web, cancellationToken)
        ?? throw new InvalidOperationException("GET /v1/projections answered null.");
}
