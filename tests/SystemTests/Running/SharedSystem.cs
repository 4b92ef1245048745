using System.Text.Json;
using Npgsql;
using TokenOptimizer.Access;
using TokenOptimizer.Contracts;
using Marten;
using TokenOptimizer.Testing;
using TokenOptimizer.UsageLog;
using Xunit;

namespace TokenOptimizer.SystemTests.Running;

/// <summary>
/// The one system most tests share, as a user runs it: the app host with local processes, the built dashboard served by
/// Query, and in its log the calls of the last three days (generated traffic, a model no catalog prices, and a feature
/// whose expensive model on short prompts makes a recommendation), the read models caught up with them. Tests add records
/// of their own; totals are read back from the log (<see cref="RecordsAsync"/>), never assumed.
/// </summary>
public sealed class SharedSystem : IAsyncLifetime
{
    /// <summary>A model no catalog knows: its calls are unpriced until a price is set.</summary>
    public const string UnknownModel = "acme-llm-7";

    /// <summary>A feature whose expensive model on short prompts makes a model-switch recommendation.</summary>
    public const string LabellingFeature = "cli-labels";

    /// <summary>The role the services connect as: it owns the database and has its name.</summary>
    public const string DatabaseOwner = "tokenoptimizer";

    private static readonly string[] ReadModels = ["usage_rollups", "usage_log", "user_rollups", "provider_health", "budget_spend"];
    private AppHostRun? _run;

    public AppHostRun Run => _run!;

    public string AdminKey => Run.AdminKey;

    public string ReadKey { get; private set; } = "";

    public Uri QueryUrl => Run.UrlOf("query");

    public Uri IngestionUrl => Run.UrlOf("ingestion");

    public Uri RecommendationsUrl => Run.UrlOf("recommendations");

    public Uri AggregationUrl => Run.UrlOf("aggregation");

    /// <summary>The services' database, as its owner.</summary>
    public string ConnectionString { get; private set; } = "";

    /// <summary>The broker the services use.</summary>
    public string RabbitMqConnectionString { get; private set; } = "";

    /// <summary>The database, as the server's superuser.</summary>
    public NpgsqlDataSource DataSource { get; private set; } = null!;

    /// <summary>The usage event store, configured as the services configure it.</summary>
    public IDocumentStore Store { get; private set; } = null!;

    /// <summary>The Query service's API, with no key of its own.</summary>
    public HttpClient Query { get; private set; } = null!;

    /// <summary>Where screenshots and logs of the browser tests go.</summary>
    public string Artefacts { get; } = Path.Combine(Repository.Root(), "tests", "SystemTests", "artefacts");

    public async Task InitializeAsync()
    {
        _run = await AppHostRun.StartAsync(AppHostRun.LocalProcesses, new Dictionary<string, string>
        {
            ["Query__UpdatePollInterval"] = "00:00:00.200",
            // Advice is computed when a test asks (POST /v1/recommendations/recompute), never on a timer mid-test.
            ["Recommendations__RecomputeInterval"] = "1.00:00:00",
            ["Recommendations__ChangeCheckInterval"] = "1.00:00:00",
        });
        ConnectionString = await Run.ConnectionStringAsync("postgres");
        RabbitMqConnectionString = await Run.ConnectionStringAsync("rabbitmq");
        DataSource = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(await Run.ConnectionStringAsync("postgres-server")) { Database = DatabaseOwner }.ConnectionString);
        Store = await EventStoreAccess.OpenAsync(ConnectionString);
        Query = new HttpClient { BaseAddress = QueryUrl };
        using (var ingestion = new HttpClient { BaseAddress = IngestionUrl })
        {
            ReadKey = await ingestion.CreateApiKeyAsync(AdminKey, Role.Read);
        }

        await FeedAsync(Fed());
        await RecomputeRecommendationsAsync();
    }

    /// <summary>Appends records as ingestion would, then waits until the read models have them.</summary>
    public async Task FeedAsync(IEnumerable<UsageIngested> records)
    {
        await TestUsage.AppendAsync(Store, records);
        await CaughtUpAsync();
    }

    /// <summary>Every call in the log, once the read models have applied them all.</summary>
    public async Task<List<UsageIngested>> RecordsAsync()
    {
        await CaughtUpAsync();
        await using var session = Store.QuerySession();
        return [.. await session.Events.QueryRawEventDataOnly<UsageIngested>().ToListAsync()];
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
        Store?.Dispose();
        if (DataSource is not null)
        {
            await DataSource.DisposeAsync();
        }

        if (_run is not null)
        {
            await _run.DisposeAsync();
        }
    }

    private Task CaughtUpAsync() => ProjectionsCaughtUp.WaitAsync(DataSource, ReadModels, TimeSpan.FromSeconds(120));

    private static List<UsageIngested> Fed()
    {
        var now = DateTimeOffset.UtcNow;
        var generated = TestUsage.Generate(3_000, seed: 17, from: now.AddDays(-3), span: TimeSpan.FromDays(3) - TimeSpan.FromMinutes(5));
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

/// <summary>
/// The system tests that run one at a time: those against the <see cref="SharedSystem"/> (this collection's fixture) and
/// those that start a system of their own and want the machine's two cores to themselves. Only the PostgreSQL outage runs
/// beside them (<see cref="SurvivingOutages.PostgresOutageCollection"/>).
/// </summary>
[CollectionDefinition(Name)]
public sealed class InTurnCollection : ICollectionFixture<SharedSystem>
{
    public const string Name = "system tests in turn";
}
