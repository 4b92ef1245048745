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
/// a client can act on: 400 → BAD_USER_INPUT naming each field as the mutation's arguments name it (in the message and
/// under <c>extensions.fields</c>), 404 → NOT_FOUND, 409 → CONFLICT, 429 → RATE_LIMITED, anything else (or no answer)
/// → UPSTREAM_UNAVAILABLE.
/// </summary>
public sealed class UpstreamClient(IHttpClientFactory clients, IOptions<UpstreamOptions> options, IOptions<AccessOptions> access)
{
    public const string Aggregation = "aggregation";
    public const string Ingestion = "ingestion";
    public const string Recommendations = "recommendations";

    /// <summary>A call whose body, if any, holds the mutation's arguments by their own names.</summary>
    public Task<JsonElement?> SendAsync(string service, HttpMethod method, string path, object? body, CancellationToken cancellationToken) =>
        SendAsync(service, method, path, body, argument: null, cancellationToken);

    /// <summary>A call whose body was made from one GraphQL argument.</summary>
    /// <param name="service">Which service: <see cref="Aggregation"/>, <see cref="Ingestion"/> or <see cref="Recommendations"/>.</param>
    /// <param name="method">The HTTP method.</param>
    /// <param name="path">The path on that service.</param>
    /// <param name="body">The JSON body, or null.</param>
    /// <param name="argument">The GraphQL argument <paramref name="body"/> was made from (<c>budget</c>), whose name prefixes each
    /// field the owner refuses (<c>budget.amountUsd</c>); null when the body's fields are the arguments themselves.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public async Task<JsonElement?> SendAsync(string service, HttpMethod method, string path, object? body, string? argument, CancellationToken cancellationToken)
    {
        var client = clients.CreateClient(service);
        using var request = Authorized(new HttpRequestMessage(method, new Uri(path, UriKind.Relative)) { Content = body is null ? null : JsonContent.Create(body) });

        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(request, cancellationToken);
        }
        catch (Exception exception) when (exception is HttpRequestException or InvalidOperationException)
        {
            // InvalidOperationException: service discovery knows no address for the service (no services:{name} setting).
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
                HttpStatusCode.BadRequest => throw Refused(json, argument),
                HttpStatusCode.NotFound => throw new GraphQLException($"Not found: {path}.", "NOT_FOUND"),
                HttpStatusCode.Conflict => throw new GraphQLException(Detail(json), "CONFLICT"),
                HttpStatusCode.TooManyRequests => throw new GraphQLException(Detail(json), "RATE_LIMITED"),
                _ => throw new GraphQLException($"The {service} service answered {(int)response.StatusCode}.", "UPSTREAM_UNAVAILABLE"),
            };
        }
    }

    /// <summary>
    /// Passes a REST request's JSON <paramref name="body"/> on to another service with Query's credential, and answers with
    /// that service's answer as it is (its status and problem details included): for an admin API Query only relays.
    /// </summary>
    public async Task<IResult> RelayAsync(string service, string path, Stream body, CancellationToken cancellationToken)
    {
        var client = clients.CreateClient(service);
        using var request = Authorized(new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative))
        {
            Content = new StreamContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
        });
        try
        {
            using var response = await client.SendAsync(request, cancellationToken);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            return Results.Content(text, response.Content.Headers.ContentType?.ToString(), statusCode: (int)response.StatusCode);
        }
        catch (Exception exception) when (exception is HttpRequestException or InvalidOperationException)
        {
            return TypedResults.Problem(title: $"The {service} service did not answer.", detail: exception.Message, statusCode: StatusCodes.Status502BadGateway);
        }
    }

    private HttpRequestMessage Authorized(HttpRequestMessage request)
    {
        if ((options.Value.ApiKey ?? access.Value.BootstrapAdminKey) is { Length: > 0 } key)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return request;
    }

    // An RFC 7807 validation problem names each field as the owner's body does; the client knows them by argument.
    private static GraphQLException Refused(JsonElement? json, string? argument)
    {
        if (json is not { ValueKind: JsonValueKind.Object } problem || !problem.TryGetProperty("errors", out var errors) || errors.ValueKind != JsonValueKind.Object)
        {
            return new GraphQLException(Detail(json), "BAD_USER_INPUT");
        }

        var fields = errors.EnumerateObject().ToDictionary(
            e => argument is null ? e.Name : $"{argument}.{e.Name}",
            e => e.Value.EnumerateArray().Select(m => m.GetString() ?? "").ToList());
        var message = string.Join(" ", fields.Select(f => $"{f.Key}: {string.Join(" ", f.Value)}"));
        return new GraphQLException(message, "BAD_USER_INPUT", new Dictionary<string, object?>
        {
            ["fields"] = fields.ToDictionary(f => f.Key, f => (object?)f.Value),
        });
    }

    private static string Detail(JsonElement? json) =>
        json is { ValueKind: JsonValueKind.Object } problem && problem.TryGetProperty("detail", out var detail) && detail.GetString() is { } text
            ? text
            : "Refused.";
}
