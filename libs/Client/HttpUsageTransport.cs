using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using TokenOptimizer.Contracts;

namespace TokenOptimizer.Client;

/// <summary>
/// Sends batches to Ingestion's <c>POST /v1/usage</c> with an ingest key. Unreachable, 408, 429 and 5xx are passing
/// failures (sent again); any other 4xx refuses the batch as a whole. Records Ingestion finds invalid are counted as
/// rejected: it keeps them in its quarantine, so sending them again would change nothing.
/// </summary>
public sealed class HttpUsageTransport : IUsageTransport, IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    private readonly HttpClient _http;
    private readonly Uri _endpoint;
    private readonly AuthenticationHeaderValue? _authorization;

    /// <summary>A transport to <see cref="TokenOptimizerClientOptions.IngestionUrl"/> with its own connection pool.</summary>
    public HttpUsageTransport(TokenOptimizerClientOptions options)
        : this(options, new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
    {
    }

    /// <summary>The same over <paramref name="handler"/> (owned and disposed by the transport).</summary>
    public HttpUsageTransport(TokenOptimizerClientOptions options, HttpMessageHandler handler)
    {
        ArgumentNullException.ThrowIfNull(options);
        var baseUrl = options.IngestionUrl
            ?? throw new ArgumentException("TokenOptimizerClientOptions.IngestionUrl is required to send usage over HTTP, e.g. http://127.0.0.1:5000.", nameof(options));
        _endpoint = new Uri(baseUrl, "/v1/usage");
        _authorization = string.IsNullOrEmpty(options.ApiKey) ? null : new AuthenticationHeaderValue("Bearer", options.ApiKey);
        _http = new HttpClient(handler) { Timeout = options.RequestTimeout };
    }

    /// <inheritdoc />
    public async Task<DeliveryResult> SendAsync(IReadOnlyList<UsageRecorded> batch, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _endpoint) { Content = JsonContent.Create(batch, options: Json) };
        request.Headers.Authorization = _authorization;
        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var status = (int)response.StatusCode;
        if (response.IsSuccessStatusCode)
        {
            return DeliveryResult.Delivered(await RejectedCountAsync(response, cancellationToken).ConfigureAwait(false));
        }

        var reason = $"HTTP {status} from {_endpoint}";
        return status is (int)HttpStatusCode.RequestTimeout or (int)HttpStatusCode.TooManyRequests or >= 500
            ? DeliveryResult.TryAgain(reason)
            : DeliveryResult.Refused(reason + ": " + await ProblemTitleAsync(response, cancellationToken).ConfigureAwait(false));
    }

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();

    private static async Task<int> RejectedCountAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken).ConfigureAwait(false);
        return body.ValueKind == JsonValueKind.Object && body.TryGetProperty("rejected", out var rejected) ? rejected.GetInt32() : 0;
    }

    // The problem's title and field errors say what to fix (a wrong key, another team's records); they hold no secret.
    private static async Task<string> ProblemTitleAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        return text.Length <= 500 ? text : text[..500];
    }
}
