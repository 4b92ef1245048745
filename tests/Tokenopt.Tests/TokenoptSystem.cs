using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using TokenOptimizer.Access;
using TokenOptimizer.Contracts;
using Marten;
using TokenOptimizer.Provisioning.Services;
using TokenOptimizer.Testing;
using TokenOptimizer.UsageLog;
using Xunit;

namespace TokenOptimizer.Tokenopt.Tests;

/// <summary>
/// The system the CLI talks to, as a user runs it: the four services as processes on the fixtures' PostgreSQL and
/// RabbitMQ, with the calls of <see cref="Records"/> in the log and the read models caught up with them.
/// </summary>
public sealed class TokenoptSystem : IAsyncLifetime
{
    /// <summary>A model no catalog knows: its calls are unpriced until a price is set.</summary>
    public const string UnknownModel = "acme-llm-7";

    /// <summary>A feature whose expensive model on short prompts makes a model-switch recommendation.</summary>
    public const string LabellingFeature = "cli-labels";

    private static readonly string[] ReadModels = ["usage_rollups", "usage_log", "user_rollups", "provider_health", "budget_spend"];

    private readonly IntegrationInfrastructureFixture _infrastructure = new();
    private ServiceProcesses? _services;
    private NpgsqlDataSource? _dataSource;

    public string AdminKey { get; } = ApiKeys.Generate();

    public string ReadKey { get; private set; } = "";

    public Uri QueryUrl { get; private set; } = null!;

    public Uri IngestionUrl { get; private set; } = null!;

    public Uri RecommendationsUrl { get; private set; } = null!;

    public Uri AggregationUrl { get; private set; } = null!;

    /// <summary>The role the services connect as.</summary>
    public string DatabaseOwner => _infrastructure.Postgres.DatabaseName; // the class database's owner role has its name

    /// <summary>The database, as the test's superuser.</summary>
    public NpgsqlDataSource DataSource => _dataSource!;

    /// <summary>The Query service's API, with no key of its own.</summary>
    public HttpClient Query { get; private set; } = null!;

    /// <summary>Every call fed: two days of generated traffic, the unknown model's calls, and the labelling feature's.</summary>
    public List<UsageIngested> Records { get; } = Fed();

    public async Task InitializeAsync()
    {
        await _infrastructure.InitializeAsync();
        // As the AppHost runs them: connected as the database's owner, which is no superuser.
        _services = await ServiceProcesses.StartAsync(new Dictionary<string, string>
        {
            ["ConnectionStrings__postgres"] = _infrastructure.Postgres.ConnectionString,
            ["ConnectionStrings__rabbitmq"] = _infrastructure.RabbitMq.ConnectionString,
            ["Access__BootstrapAdminKey"] = AdminKey,
            ["Projections__PollInterval"] = "00:00:00.100",
            // Advice is computed when a test asks (POST /v1/recommendations/recompute), never on a timer mid-test.
            ["Recommendations__RecomputeInterval"] = "1.00:00:00",
            ["Recommendations__ChangeCheckInterval"] = "1.00:00:00",
        }, Path.Combine(DotnetService.RepositoryRoot(), "tests", "Tokenopt.Tests", "artefacts", "logs"));
        (QueryUrl, IngestionUrl, RecommendationsUrl, AggregationUrl) =
            (_services.UrlOf("query"), _services.UrlOf("ingestion"), _services.UrlOf("recommendations"), _services.UrlOf("aggregation"));
        Query = new HttpClient { BaseAddress = QueryUrl };
        using (var ingestion = new HttpClient { BaseAddress = IngestionUrl })
        {
            ReadKey = await ingestion.CreateApiKeyAsync(AdminKey, Role.Read);
        }

        _dataSource = NpgsqlDataSource.Create(_infrastructure.Postgres.SuperuserConnectionString);
        await TestUsage.AppendAsync(new EventLog(_dataSource, new EventTypeRegistry().AddUsageEvents()), Records);
        await ProjectionsCaughtUp.WaitAsync(_dataSource, ReadModels, TimeSpan.FromSeconds(120));
    }

    /// <summary>The operation's data through the Query API, failing the test on errors.</summary>
    public async Task<JsonElement> DataAsync(string query, object? variables = null)
    {
        var (status, body) = await Query.GraphQLAsync(AdminKey, query, variables);
        Assert.True(status == 200 && !body.TryGetProperty("errors", out _), $"HTTP {status}: {body}");
        return body.GetProperty("data");
    }

    /// <summary>Has the Recommendations service compute its advice now from the request log.</summary>
    public async Task RecomputeRecommendationsAsync()
    {
        using var http = new HttpClient { BaseAddress = RecommendationsUrl }.WithApiKey(AdminKey);
        using var response = await http.PostAsync("/v1/recommendations/recompute", null);
        response.EnsureSuccessStatusCode();
    }

    public async Task DisposeAsync()
    {
        Query?.Dispose();
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }

        if (_dataSource is not null)
        {
            await _dataSource.DisposeAsync();
        }

        await _infrastructure.DisposeAsync();
    }

    private static List<UsageIngested> Fed()
    {
        var now = DateTimeOffset.UtcNow;
        var generated = TestUsage.Generate(2_000, seed: 17, from: now.AddDays(-2), span: TimeSpan.FromDays(2) - TimeSpan.FromMinutes(5));
        var unknown = Enumerable.Range(0, 12).Select(i => TestUsage.Ingested(new UsageRecorded
        {
            RequestId = $"cli-unknown-{i}", OccurredAt = now.AddHours(-3).AddMinutes(i), Provider = "acme", Model = UnknownModel, Feature = "cli-chat",
            InputTokens = 1_000 + i * 37, OutputTokens = 200 + i * 11, LatencyMs = 400, Outcome = Outcomes.Succeeded,
        }, priced: false));
        var labelling = Enumerable.Range(0, 40).Select(i => TestUsage.Ingested(new UsageRecorded
        {
            RequestId = $"cli-labels-{i}", OccurredAt = now.AddHours(-5).AddMinutes(i), Provider = "openai", Model = "gpt-4o",
            Feature = LabellingFeature, InputTokens = 300, OutputTokens = 20, LatencyMs = 500, Outcome = Outcomes.Succeeded,
        }));
        return [.. generated, .. unknown, .. labelling];
    }
}

[CollectionDefinition(Name)]
public sealed class RunningSystemCollection : ICollectionFixture<TokenoptSystem>
{
    public const string Name = "the running system";
}
