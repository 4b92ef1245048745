using Npgsql;
using TokenOptimizer.Access;
using Marten;
using TokenOptimizer.Provisioning.Services;
using TokenOptimizer.Testing;
using TokenOptimizer.UsageLog;
using Xunit;

namespace TokenOptimizer.PythonSdk.Tests;

/// <summary>
/// One run of the Python SDK's unittest suite against the real Ingestion service, as a process on a loopback port
/// on the fixtures' PostgreSQL and RabbitMQ. For the outage test a second Ingestion, on the same database, is started
/// at <c>INGESTION_OUTAGE_URL</c> only once the Python side says its records are buffered.
/// </summary>
public sealed class PythonSdkRun : IAsyncLifetime
{
    /// <summary>The line the outage test prints (sdk/python/tests/running_ingestion.py, OUTAGE_MARKER).</summary>
    public const string OutageMarker = "TOKENOPTIMIZER-OUTAGE: records buffered, start Ingestion now";

    private static readonly TimeSpan Healthy = TimeSpan.FromSeconds(90);
    private readonly IntegrationInfrastructureFixture _infrastructure = new();
    private readonly Stack<DotnetService> _services = new();
    private readonly string _adminKey = ApiKeys.Generate();
    private readonly string _logs = Path.Combine(AppContext.BaseDirectory, "logs", DateTime.UtcNow.ToString("yyyyMMdd-HHmmss"));

    /// <summary>The prefix of every request id the Python side sends.</summary>
    public string Run { get; } = "python-" + Guid.NewGuid().ToString("N");

    public int ExitCode { get; private set; }

    public UnittestReport Report { get; private set; } = null!;

    /// <summary>When the outage ended: the moment the second Ingestion was asked to start.</summary>
    public DateTimeOffset? OutageEndedAt { get; private set; }

    public NpgsqlDataSource DataSource { get; private set; } = null!;

    public EventLog Log { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await _infrastructure.InitializeAsync();
        var ingestion = await StartIngestionAsync("ingestion", url: null);
        using var http = new HttpClient { BaseAddress = ingestion.Url };
        var ingestKey = await http.CreateApiKeyAsync(_adminKey, Role.Ingest);
        var outageUrl = DotnetService.FreeLoopbackUrl();
        var environment = new Dictionary<string, string>
        {
            ["INGESTION_URL"] = ingestion.Url.ToString(),
            ["INGEST_KEY"] = ingestKey,
            ["INGESTION_OUTAGE_URL"] = outageUrl.ToString(),
            ["TOKENOPTIMIZER_TEST_RUN"] = Run,
        };

        (ExitCode, Report) = await UnittestProcess.RunAsync(environment, OutageMarker, async () =>
        {
            OutageEndedAt = DateTimeOffset.UtcNow;
            await StartIngestionAsync("ingestion-after-outage", outageUrl);
        }, TimeSpan.FromMinutes(5));

        DataSource = NpgsqlDataSource.Create(_infrastructure.Postgres.ConnectionString);
        Log = new EventLog(DataSource, new EventTypeRegistry().AddUsageEvents());
    }

    /// <summary>The stored record the Python tests sent as <paramref name="name"/> for <paramref name="team"/> (none unless they set one).</summary>
    public Task<UsageIngested?> FindIngestedAsync(string name, string? team = null) => Log.FindIngestedAsync(team, RequestId(name));

    public Task<long> CountQuarantinedAsync(string name) => DataSource.CountQuarantinedAsync(RequestId(name));

    /// <summary>As the Python side builds it (running_ingestion.request_id).</summary>
    public string RequestId(string name) => $"{Run}-{name}";

    public async Task DisposeAsync()
    {
        while (_services.TryPop(out var service))
        {
            await service.DisposeAsync();
        }

        if (DataSource is not null)
        {
            await DataSource.DisposeAsync();
        }

        await _infrastructure.DisposeAsync();
    }

    private async Task<DotnetService> StartIngestionAsync(string name, Uri? url)
    {
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__postgres"] = _infrastructure.Postgres.ConnectionString,
            ["ConnectionStrings__rabbitmq"] = _infrastructure.RabbitMq.ConnectionString,
            ["Access__BootstrapAdminKey"] = _adminKey,
        };
        var service = DotnetService.Start(name, DotnetService.LocateAssembly("services/Ingestion", "TokenOptimizer.Ingestion"), environment,
            Path.Combine(_logs, name + ".log"), url);
        _services.Push(service);
        await service.WaitHealthyAsync(Healthy, CancellationToken.None);
        return service;
    }
}
