using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using TokenOptimizer.Contracts;

namespace TokenOptimizer.Testing;

/// <summary>A producer posting to Ingestion's <c>POST /v1/usage</c> with a key of its own (for <see cref="UsageTraffic"/>).</summary>
public sealed class UsageOverHttp(HttpClient ingestion, string ingestKey)
{
    /// <summary>Posts records with the producer's key (or <paramref name="key"/>); returns the status and the parsed answer.</summary>
    public async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(object records, string? key = null, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/usage") { Content = JsonContent.Create(records) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key ?? ingestKey);
        using var response = await ingestion.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        return (response.StatusCode, text.StartsWith('{') ? JsonDocument.Parse(text).RootElement.Clone() : default);
    }

    /// <summary>Sends records; fails (to be tried again) unless every one was accepted or already known.</summary>
    public async Task SendAsync(IReadOnlyList<UsageRecorded> records, CancellationToken cancellationToken)
    {
        var (status, body) = await PostAsync(records, cancellationToken: cancellationToken);
        if (status != HttpStatusCode.Accepted || body.GetProperty("accepted").GetInt32() + body.GetProperty("duplicates").GetInt32() != records.Count)
        {
            throw new HttpRequestException($"Ingestion answered {(int)status}");
        }
    }
}
