using System.Net.Http.Headers;

namespace TokenOptimizer.Ingestion.IntegrationTests;

/// <summary>
/// Gives a request that carries no key the one its caller would hold: a producer's ingest key to send usage or traces, the
/// admin key for everything else (admin does not imply ingest). A request with its own Authorization keeps it.
/// </summary>
internal sealed class DefaultKeys(string ingestKey, string adminKey) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Headers.Authorization is null)
        {
            var sendsUsage = request.Method == HttpMethod.Post && request.RequestUri?.AbsolutePath is "/v1/usage" or "/v1/traces";
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", sendsUsage ? ingestKey : adminKey);
        }

        return base.SendAsync(request, cancellationToken);
    }
}
