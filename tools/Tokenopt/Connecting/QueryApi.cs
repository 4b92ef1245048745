using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace TokenOptimizer.Tokenopt.Connecting;

/// <summary>
/// The Query service as the CLI uses it: GraphQL operations on <c>/graphql</c>, files from <c>/export</c> and the admin
/// REST calls it relays (a catalog import), with the
/// API key as a bearer token. Every failure becomes a <see cref="CliError"/> that says what to fix: an endpoint that
/// cannot be reached or is not a Query service, a refused key, or the API's own error messages.
/// </summary>
public sealed class QueryApi : IDisposable
{
    private readonly HttpClient _http;
    private readonly Uri _endpoint;

    private QueryApi(HttpClient http, Uri endpoint)
    {
        _http = http;
        _endpoint = endpoint;
    }

    public static QueryApi Connect(Settings settings, HttpMessageHandler? handler)
    {
        if (!Uri.TryCreate(settings.Endpoint, UriKind.Absolute, out var endpoint) || endpoint.Scheme is not ("http" or "https"))
        {
            throw new CliError($"The endpoint '{settings.Endpoint}' is not an http:// or https:// URL, e.g. http://localhost:5080.");
        }

        // A base path (a proxy's /tokenopt) is kept only when the base address ends with a slash.
        endpoint = endpoint.AbsolutePath.EndsWith('/') ? endpoint : new Uri(endpoint + "/");
        var http = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
        http.BaseAddress = endpoint;
        http.Timeout = TimeSpan.FromSeconds(100);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", settings.ApiKey);
        return new QueryApi(http, endpoint);
    }

    /// <summary>The operation's <c>data</c>; the API's errors, if any, as one <see cref="CliError"/> with their messages.</summary>
    public async Task<JsonElement> QueryAsync(string document, object? variables, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Post, "graphql") { Content = JsonContent.Create(new { query = document, variables }) }, cancellationToken);
        JsonElement body;
        try
        {
            body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken)).RootElement.Clone();
        }
        catch (JsonException)
        {
            throw new CliError($"{_endpoint} answered {(int)response.StatusCode} {response.ReasonPhrase} with something other than GraphQL: is it the Query service's address?");
        }

        if (body.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array && errors.GetArrayLength() > 0)
        {
            throw new CliError(string.Join(Environment.NewLine, errors.EnumerateArray().Select(e => e.TryGetProperty("message", out var m) ? m.GetString() : e.ToString())));
        }

        return body.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object
            ? data
            : throw new CliError($"{_endpoint} answered {(int)response.StatusCode} without GraphQL data: is it the Query service's address?");
    }

    /// <summary>An export's response, its body not yet read (the caller streams it); a refused one as its problem's detail.</summary>
    public async Task<HttpResponseMessage> ExportAsync(string pathAndQuery, CancellationToken cancellationToken)
    {
        var response = await SendAsync(new HttpRequestMessage(HttpMethod.Get, pathAndQuery), cancellationToken, HttpCompletionOption.ResponseHeadersRead);
        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            var detail = $"{(int)response.StatusCode} {response.ReasonPhrase}";
            try
            {
                var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken)).RootElement;
                detail = problem.TryGetProperty("detail", out var d) ? d.GetString() ?? detail : detail;
            }
            catch (JsonException)
            {
                // Not problem details: the status says enough.
            }

            throw new CliError($"The export was refused: {detail}");
        }
    }

    /// <summary>A JSON POST to a REST path; a refusal as one <see cref="CliError"/> with the problem's detail and each field's error.</summary>
    public async Task<JsonElement> PostAsync(string path, object body, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) }, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        JsonElement answer;
        try
        {
            answer = JsonDocument.Parse(text).RootElement.Clone();
        }
        catch (JsonException)
        {
            throw new CliError($"{_endpoint} answered {(int)response.StatusCode} {response.ReasonPhrase} with something other than JSON.");
        }

        if (response.IsSuccessStatusCode)
        {
            return answer;
        }

        var lines = new List<string> { answer.TryGetProperty("detail", out var detail) ? $"{(int)response.StatusCode}: {detail.GetString()}" : $"{(int)response.StatusCode} {response.ReasonPhrase}" };
        if (answer.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object)
        {
            lines.AddRange(errors.EnumerateObject().SelectMany(e => e.Value.EnumerateArray().Select(m => $"{e.Name}: {m.GetString()}")));
        }

        throw new CliError(string.Join(Environment.NewLine, lines));
    }

    public void Dispose() => _http.Dispose();

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken,
        HttpCompletionOption completion = HttpCompletionOption.ResponseContentRead)
    {
        HttpResponseMessage response;
        try
        {
            using (request)
            {
                response = await _http.SendAsync(request, completion, cancellationToken);
            }
        }
        catch (HttpRequestException unreachable)
        {
            throw new CliError($"Cannot reach {_endpoint} ({unreachable.Message}). Check the endpoint (tokenopt init --endpoint <url>) and that the Query service is running.");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new CliError($"{_endpoint} did not answer within {_http.Timeout.TotalSeconds:0} seconds.");
        }

        var refusal = response.StatusCode switch
        {
            HttpStatusCode.Unauthorized => $"The API key was refused by {_endpoint} (401 Unauthorized): check the key (tokenopt init --api-key <key>).",
            HttpStatusCode.Forbidden => $"The API key may not do this (403 Forbidden): viewing needs a key with the read role; changing budgets and prices needs an admin key.",
            HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed =>
                $"{_endpoint} has no TokenOptimizer API at {request.RequestUri} ({(int)response.StatusCode} {response.ReasonPhrase}): is it the Query service's address?",
            _ => null,
        };
        if (refusal is not null)
        {
            response.Dispose();
            throw new CliError(refusal);
        }

        return response;
    }
}
