using System.Net.Http.Json;
using System.Text.Json;

namespace TokenOptimizer.Testing;

/// <summary>A provider's circuit as <c>GET /v1/providers/health</c> of one Aggregation instance shows it.</summary>
public sealed record ProviderCircuit(string Provider, string CircuitState, DateTimeOffset? CircuitChangedAt)
{
    /// <summary>Every provider's, from the instance at <paramref name="instance"/> (<paramref name="http"/> sends a read key).</summary>
    public static async Task<IReadOnlyList<ProviderCircuit>> ReadAsync(HttpClient http, Uri instance, CancellationToken cancellationToken = default) =>
        await http.GetFromJsonAsync<List<ProviderCircuit>>(new Uri(instance, "/v1/providers/health"), JsonSerializerOptions.Web, cancellationToken)
        ?? throw new InvalidOperationException("GET /v1/providers/health answered null.");
}
