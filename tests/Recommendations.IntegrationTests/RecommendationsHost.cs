using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Npgsql;
using TokenOptimizer.Access;
using TokenOptimizer.Aggregation;
using TokenOptimizer.Aggregation.LoggingRequests;
using Marten;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using TokenOptimizer.Query.Serving;
using TokenOptimizer.Query.Upstreams;
using TokenOptimizer.Recommendations;
using TokenOptimizer.Testing;
using TokenOptimizer.UsageLog;
using Xunit;

namespace TokenOptimizer.Recommendations.IntegrationTests;

/// <summary>
/// Aggregation (which keeps the per-request log recommendations read) and Recommendations, on a private PostgreSQL and
/// RabbitMQ. Records are appended to the usage log as ingestion would, and advice is recomputed on demand.
/// </summary>
public class RecommendationsHost : IAsyncLifetime
{
    private readonly IntegrationInfrastructureFixture _infrastructure = new();
    private WebApplicationFactory<AggregationSchema>? _aggregation;
    private WebApplicationFactory<RecommendationsSchema>? _recommendations;
    private WebApplicationFactory<QueryOptions>? _query;
    private NpgsqlDataSource? _dataSource;

    public string AdminKey { get; } = ApiKeys.Generate();

    // Every provider a candidate may come from is served by the one stub.
    private static readonly string[] Providers = ["openai", "anthropic", "gemini", "vertex_ai", "mistral", "deepseek", "groq", "xai"];

    /// <summary>The OpenAI-compatible endpoint model tests call, for every provider.</summary>
    public ChatCompletionsStub Llm { get; private set; } = null!;

    /// <summary>Settings a test class adds to the Recommendations service's.</summary>
    /// By default advice is computed only when a test asks (POST /v1/recommendations/recompute), so runs never race.
    protected virtual IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Recommendations:RecomputeInterval"] = "1.00:00:00",
        ["Recommendations:ChangeCheckInterval"] = "1.00:00:00",
    };

    /// <summary>Recommendations' API, sending the admin key unless a request sets its own.</summary>
    public HttpClient Http { get; private set; } = null!;

    /// <summary>The Query service's API (GraphQL), with no key of its own.</summary>
    public HttpClient QueryHttp { get; private set; } = null!;

    /// <summary>Aggregation's API, where keys are made (they are shared by every service).</summary>
    public HttpClient AggregationHttp { get; private set; } = null!;

    /// <summary>The database, for checking what was (not) stored.</summary>
    public NpgsqlDataSource RecommendationsData => _dataSource!;

    public async Task InitializeAsync()
    {
        await _infrastructure.InitializeAsync();
        Llm = await ChatCompletionsStub.StartAsync();
        var postgres = _infrastructure.Postgres.ConnectionString;
        _aggregation = new WebApplicationFactory<AggregationSchema>().WithWebHostBuilder(web => web
            .UseSetting("ConnectionStrings:postgres", postgres).UseSetting("ConnectionStrings:rabbitmq", _infrastructure.RabbitMq.ConnectionString)
            .UseSetting("Access:BootstrapAdminKey", AdminKey));
        AggregationHttp = _aggregation.CreateClient();
        _recommendations = new WebApplicationFactory<RecommendationsSchema>().WithWebHostBuilder(web => web
            .UseSetting("ConnectionStrings:postgres", postgres)
            .UseSetting("Access:BootstrapAdminKey", AdminKey)
            .UseSetting("Recommendations:Features:nightly-digest:LatencyTolerant", "true")
            .ApplySettings(Providers.ToDictionary(p => $"Recommendations:Endpoints:{p}:BaseUrl", _ => Llm.BaseUrl.ToString()))
            .ApplySettings(Providers.ToDictionary(p => $"Recommendations:Endpoints:{p}:ApiKey", _ => "test-key"))
            .UseSetting("Recommendations:Narrative:Provider", "openai")
            .UseSetting("Recommendations:Narrative:Model", "gpt-4o-mini")
            .ConfigureTestServices(services => services.AddHttpClient("aggregation")
                .ConfigurePrimaryHttpMessageHandler(() => _aggregation.Server.CreateHandler()))
            .ApplySettings(Settings));
        Http = _recommendations.CreateDefaultClient(new AdminKeyUnlessSet(AdminKey));
        _query = new WebApplicationFactory<QueryOptions>().WithWebHostBuilder(web => web
            .UseSetting("ConnectionStrings:postgres", postgres)
            .UseSetting("Access:BootstrapAdminKey", AdminKey)
            .ConfigureTestServices(services => services.AddHttpClient(UpstreamClient.Recommendations)
                .ConfigurePrimaryHttpMessageHandler(() => _recommendations.Server.CreateHandler())));
        QueryHttp = _query.CreateClient();
        _dataSource = NpgsqlDataSource.Create(postgres);
    }

    /// <summary>Appends the records, then waits until the per-request log has them.</summary>
    public async Task FeedAsync(IEnumerable<UsageIngested> events)
    {
        await TestUsage.AppendAsync(_aggregation!.Services.GetRequiredService<IDocumentStore>(), events);
        await ProjectionsCaughtUp.WaitAsync(_dataSource!, [UsageLogProjection.ProjectionName], TimeSpan.FromSeconds(60));
    }

    /// <summary>Records an administrator's price as Ingestion does: the next event of the price stream, numbered by its position.</summary>
    public async Task SetPriceAsync(ModelPriceSet price)
    {
        var store = _aggregation!.Services.GetRequiredService<IDocumentStore>();
        var version = (await EventStreams.ReadAsync(store, UsageStreams.ModelPrices, CancellationToken.None)).Count;
        await EventStreams.AppendAsync(store, UsageStreams.ModelPrices, version, [price with { PriceVersion = $"custom:{version + 1}" }], CancellationToken.None);
    }

    /// <summary>Posts a GraphQL operation to Query with the key; returns the parsed response.</summary>
    public async Task<JsonElement> GraphQLAsync(string key, string query, object? variables = null) => (await QueryHttp.GraphQLAsync(key, query, variables)).Body;

    /// <summary>Recomputes now; returns every recommendation, ranked.</summary>
    public async Task<JsonElement> RecomputeAsync()
    {
        using var response = await Http.PostAsync("/v1/recommendations/recompute", null);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>Adds the admin key to requests that do not carry their own (an empty header means "no key").</summary>
    private sealed class AdminKeyUnlessSet(string adminKey) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (!request.Options.TryGetValue(new HttpRequestOptionsKey<bool>("explicit-key"), out _))
            {
                request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", adminKey);
            }

            return base.SendAsync(request, cancellationToken);
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var factory in new IAsyncDisposable?[] { _query, _recommendations, _aggregation })
        {
            if (factory is not null)
            {
                await factory.DisposeAsync();
            }
        }

        if (_dataSource is not null)
        {
            await _dataSource.DisposeAsync();
        }

        await _infrastructure.DisposeAsync();
        await Llm.DisposeAsync();
    }
}
