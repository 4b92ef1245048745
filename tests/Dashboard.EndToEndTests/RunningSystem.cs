using System.Net.Http.Json;
using Npgsql;
using TokenOptimizer.Access;
using Marten;
using TokenOptimizer.Provisioning.Services;
using TokenOptimizer.Testing;
using TokenOptimizer.UsageLog;
using Xunit;

namespace TokenOptimizer.Dashboard.EndToEndTests;

/// <summary>
/// The whole system as a user runs it: the four services as processes on loopback ports (a browser needs real
/// sockets), on the fixtures' PostgreSQL and RabbitMQ, with the built dashboard served by Query and generated traffic
/// of the last days in the log.
/// </summary>
public sealed class RunningSystem : IAsyncLifetime
{
    private readonly IntegrationInfrastructureFixture _infrastructure = new();
    private ServiceProcesses? _services;

    public string AdminKey { get; } = ApiKeys.Generate();

    public string ReadKey { get; private set; } = "";

    public Uri QueryUrl { get; private set; } = null!;

    public Uri IngestionUrl { get; private set; } = null!;

    public NpgsqlDataSource DataSource { get; private set; } = null!;

    public EventLog Log { get; private set; } = null!;

    public string Artefacts { get; } = Path.Combine(DotnetService.RepositoryRoot(), "tests", "Dashboard.EndToEndTests", "artefacts");

    public async Task InitializeAsync()
    {
        await Task.WhenAll(_infrastructure.InitializeAsync(), DashboardBuilder.EnsureBuiltAsync(_ => { }, CancellationToken.None));
        await BrowserScenario.EnsureReadyAsync();
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__postgres"] = _infrastructure.Postgres.ConnectionString,
            ["ConnectionStrings__rabbitmq"] = _infrastructure.RabbitMq.ConnectionString,
            ["Access__BootstrapAdminKey"] = AdminKey,
            ["Dashboard__Path"] = DashboardBuilder.Output,
            ["Projections__PollInterval"] = "00:00:00.100",
            ["Query__UpdatePollInterval"] = "00:00:00.200",
        };
        _services = await ServiceProcesses.StartAsync(environment, Path.Combine(Artefacts, "logs"));
        IngestionUrl = _services.UrlOf("ingestion");
        QueryUrl = _services.UrlOf("query");
        using var http = new HttpClient { BaseAddress = IngestionUrl };
        ReadKey = await http.CreateApiKeyAsync(AdminKey, Role.Read);
        DataSource = NpgsqlDataSource.Create(_infrastructure.Postgres.ConnectionString);
        Log = new EventLog(DataSource, new EventTypeRegistry().AddUsageEvents());
        await FeedAsync(TestUsage.Generate(3_000, seed: 7, from: DateTimeOffset.UtcNow.AddDays(-3), span: TimeSpan.FromDays(3) - TimeSpan.FromMinutes(5)));

        // Recommendations recomputes every 15 minutes; ask now, as an operator would, so the traffic has its recommendations.
        using var recommendations = new HttpClient { BaseAddress = _services.UrlOf("recommendations") }.WithApiKey(AdminKey);
        (await recommendations.PostAsync("/v1/recommendations/recompute", null)).EnsureSuccessStatusCode();
    }

    /// <summary>Appends records as ingestion would, then waits until the dashboard's read models have them.</summary>
    public async Task FeedAsync(IEnumerable<UsageIngested> records)
    {
        await TestUsage.AppendAsync(Log, records);
        await ProjectionsCaughtUp.WaitAsync(DataSource, ["usage_rollups", "usage_log", "user_rollups"], TimeSpan.FromSeconds(120));
    }

    public async Task DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }

        if (DataSource is not null)
        {
            await DataSource.DisposeAsync();
        }

        await _infrastructure.DisposeAsync();
    }
}
