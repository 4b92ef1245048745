using System.Net.Http.Json;
using System.Text.Json;

namespace TokenOptimizer.Bench.Failover;

/// <summary>Each provider's circuit as one Aggregation instance's <c>GET /v1/providers/health</c> answers it: what must read the same after a failover.</summary>
internal static class ProviderCircuits
{
    public static async Task<HashSet<(string Provider, string Circuit)>> ReadAsync(HttpClient http, Uri instance) =>
        (await http.GetFromJsonAsync<JsonElement>(new Uri(instance, "/v1/providers/health")))
            .EnumerateArray()
            .Select(p => (p.GetProperty("provider").GetString()!, p.GetProperty("circuitState").GetString()!))
            .ToHashSet();

    /// <summary>The same, or null while the instance does not answer.</summary>
    public static async Task<HashSet<(string Provider, string Circuit)>?> TryReadAsync(HttpClient http, Uri instance)
    {
        try
        {
            return await ReadAsync(http, instance);
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }
}
