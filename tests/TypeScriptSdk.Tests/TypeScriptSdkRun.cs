using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using TokenOptimizer.Access;
using TokenOptimizer.Provisioning;
using TokenOptimizer.Testing;
using TokenOptimizer.UsageLog;
using Xunit;

namespace TokenOptimizer.TypeScriptSdk.Tests;

/// <summary>
/// One run of the SDK's Vitest suite against the real Ingestion service (on a database and virtual host of its own on the
/// shared PostgreSQL and RabbitMQ), shared by the assembly's tests. For the outage test a second Ingestion, on the same
/// database, is started at <c>INGESTION_OUTAGE_URL</c> only once the suite says its records are buffered.
/// </summary>
public sealed class TypeScriptSdkRun : IAsyncLifetime
{
    /// <summary>The line the outage test prints (sdk/typescript/test/ingestion/runningIngestion.ts, outageMarker).</summary>
    public const string OutageMarker = "TOKENOPTIMIZER-OUTAGE: records buffered, start Ingestion now";

    private readonly PostgresDatabaseFixture _database = new();
    private readonly RabbitMqVhostFixture _broker = new();
    private readonly string _adminKey = ApiKeys.Generate();
    private IngestionOnAPort? _ingestion;
    private IngestionOnAPort? _afterOutage;

    /// <summary>The prefix of every request id the suite sends.</summary>
    public string Run { get; } = "typescript-" + Guid.NewGuid().ToString("N");

    public int ExitCode { get; private set; }

    public VitestReport Report { get; private set; } = new();

    public string Output { get; private set; } = "";

    /// <summary>When the outage ended: the moment the second Ingestion was asked to start.</summary>
    public DateTimeOffset? OutageEndedAt { get; private set; }

    private IDocumentStore Store => _ingestion!.Services.GetRequiredService<IDocumentStore>();

    public async Task InitializeAsync()
    {
        SdkFolder.EnsureInstalled();
        await Task.WhenAll(_database.InitializeAsync(), _broker.InitializeAsync());
        var ports = FreePorts.Take(2);
        _ingestion = IngestionOnAPort.Start(_database.ConnectionString, _broker.ConnectionString, _adminKey, ports[0]);
        var environment = new Dictionary<string, string>
        {
            ["INGESTION_URL"] = _ingestion.Url.ToString(),
            ["INGEST_KEY"] = await _ingestion.CreateIngestKeyAsync(),
            ["INGESTION_OUTAGE_URL"] = $"http://127.0.0.1:{ports[1]}/",
            ["TOKENOPTIMIZER_TEST_RUN"] = Run,
        };

        (ExitCode, Report, Output) = await VitestProcess.RunAsync(environment, OutageMarker, () =>
        {
            OutageEndedAt = DateTimeOffset.UtcNow;
            _afterOutage = IngestionOnAPort.Start(_database.ConnectionString, _broker.ConnectionString, _adminKey, ports[1]);
            return Task.CompletedTask;
        }, TimeSpan.FromMinutes(5));
    }

    /// <summary>The stored record the suite sent as <paramref name="name"/> for <paramref name="team"/> (none unless it set one).</summary>
    public Task<UsageIngested?> FindIngestedAsync(string name, string? team = null) => Store.FindIngestedAsync(team, RequestId(name));

    public Task<long> CountQuarantinedAsync(string name) =>
        _ingestion!.Services.GetRequiredService<NpgsqlDataSource>().CountQuarantinedAsync(RequestId(name));

    /// <summary>As the suite builds it (runningIngestion.ts, requestId).</summary>
    public string RequestId(string name) => $"{Run}-{name}";

    public async Task DisposeAsync()
    {
        if (_afterOutage is not null)
        {
            await _afterOutage.DisposeAsync();
        }

        if (_ingestion is not null)
        {
            await _ingestion.DisposeAsync();
        }

        await _broker.DisposeAsync();
        await _database.DisposeAsync();
    }
}
