using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Options;
using TokenOptimizer.Access;
using TokenOptimizer.GraphQL;

namespace TokenOptimizer.Query.Upstreams;

/// <summary>
/// Calls another service's HTTP API with Query's credential and turns its answer into a result or a GraphQL error
/// a client can act on: 400 → BAD_USER_INPUT with the owner's messages, 404 → NOT_FOUND, 409 → CONFLICT, anything
/// else (or no answer) → UPSTREAM_UNAVAILABLE.
/// </summary>
public sealed class UpstreamClient(IHttpClientFactory clients, IOptions<UpstreamOptions> options, IOptions<AccessOptions> access)
{
    public const string Aggregation = "aggregation";
    public const string Ingestion = "ingestion";
    public const string Recommendations = "recommendations";

    public async Task<JsonElement?> SendAsync(string service, HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        var client = clients.CreateClient(service);
        if (client.BaseAddress is null)
        {
            throw new GraphQLException($"The {service} service's address is not configured (Services:{service}).", "UPSTREAM_UNAVAILABLE");
        }

        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative)) { Content = body is null ? null : JsonContent.Create(body) };
        if ((options.Value.ApiKey ?? access.Value.BootstrapAdminKey) is { Length: > 0 } key)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException exception)
        {
            throw new GraphQLException($"The {service} service did not answer: {exception.Message}", "UPSTREAM_UNAVAILABLE");
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            using var document = text.Length == 0 ? null : JsonDocument.Parse(text);
            var json = document?.RootElement.Clone();
            return response.StatusCode switch
            {
                _ when response.IsSuccessStatusCode => json,
                HttpStatusCode.BadRequest => throw new GraphQLException(Problems(json), "BAD_USER_INPUT"),
                HttpStatusCode.NotFound => throw new GraphQLException($"Not found: {path}.", "NOT_FOUND"),
                HttpStatusCode.Conflict => throw new GraphQLException(Problems(json), "CONFLICT"),
                _ => throw new GraphQLException($"The {service} service answered {(int)response.StatusCode}.", "UPSTREAM_UNAVAILABLE"),
            };
        }
    }

    // RFC 7807 validation problems name each field; keep every message.
    private static string Problems(JsonElement? json)
    {
        if (json is { ValueKind: JsonValueKind.Object } problem)
        {
            if (problem.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object)
            {
                return string.Join(" ", errors.EnumerateObject().SelectMany(e => e.Value.EnumerateArray().Select(m => $"{e.Name}: {m.GetString()}")));
            }

            if (problem.TryGetProperty("problems", out var problems) && problems.ValueKind == JsonValueKind.Array)
            {
                return string.Join(" ", problems.EnumerateArray().Select(p => p.GetString()));
            }

            if (problem.TryGetProperty("detail", out var detail))
            {
                return detail.GetString() ?? "Rejected.";
            }
        }

        return "Rejected.";
    }
}
