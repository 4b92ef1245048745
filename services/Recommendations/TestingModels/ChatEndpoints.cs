using System.ClientModel;
using System.ClientModel.Primitives;
using System.Collections.Concurrent;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using OpenAI;

namespace TokenOptimizer.Recommendations.TestingModels;

/// <summary>
/// An <see cref="IChatClient"/> for a (provider, model) over the provider's configured OpenAI-compatible
/// endpoint. One HTTP pipeline per provider, a client per model on it, both made on first use and kept.
/// </summary>
public sealed class ChatEndpoints : IDisposable
{
    /// <summary>The longest a single call may take; callers enforce their own, shorter, timeouts.</summary>
    public static readonly TimeSpan MaxCallDuration = TimeSpan.FromMinutes(10);

    // Endpoints without authentication (a local server) still need a credential for the SDK to build a client.
    private const string NoApiKey = "none";

    private readonly ModelEndpointsOptions _options;
    private readonly HttpClient _http;
    private readonly ConcurrentDictionary<string, OpenAIClient> _providers = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<(string Provider, string Model), IChatClient> _clients = new();

    public ChatEndpoints(IOptions<ModelEndpointsOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        // Timeouts are per call, through the cancellation token; the client's own would cut a long test short.
        _http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    /// <summary>Whether <paramref name="provider"/> has an endpoint with a usable base URL.</summary>
    public bool IsConfigured(string provider) => BaseUrlOf(provider) is not null;

    /// <summary>The chat client for <paramref name="model"/> at <paramref name="provider"/>'s endpoint, or <see langword="null"/> if none is configured.</summary>
    public IChatClient? For(string provider, string model)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(provider);
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        if (!IsConfigured(provider))
        {
            return null;
        }

        return _clients.GetOrAdd(
            (provider.Trim().ToLowerInvariant(), model.Trim()),
            static (key, self) => self.ProviderClient(key.Provider).GetChatClient(key.Model).AsIChatClient(),
            this);
    }

    public void Dispose()
    {
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }

        _http.Dispose();
    }

    private OpenAIClient ProviderClient(string provider) => _providers.GetOrAdd(provider, static (name, self) =>
    {
        var endpoint = self._options.Endpoints[name];
        var apiKey = string.IsNullOrWhiteSpace(endpoint.ApiKey) ? NoApiKey : endpoint.ApiKey.Trim();
        return new OpenAIClient(new ApiKeyCredential(apiKey), new OpenAIClientOptions
        {
            Endpoint = self.BaseUrlOf(name),
            Transport = new HttpClientPipelineTransport(self._http),
            // A model test measures each call once: a retried call would report the latency of several.
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            NetworkTimeout = MaxCallDuration,
        });
    }, this);

    private Uri? BaseUrlOf(string provider)
    {
        if (!_options.Endpoints.TryGetValue(provider.Trim(), out var endpoint) || string.IsNullOrWhiteSpace(endpoint.BaseUrl))
        {
            return null;
        }

        // The SDK appends "/chat/completions" itself: a trailing slash would double it.
        return Uri.TryCreate(endpoint.BaseUrl.Trim().TrimEnd('/'), UriKind.Absolute, out var url)
            && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp)
            ? url
            : null;
    }
}
