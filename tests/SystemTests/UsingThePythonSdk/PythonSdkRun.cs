using TokenOptimizer.Access;
using TokenOptimizer.Provisioning;
using TokenOptimizer.SystemTests.Running;
using TokenOptimizer.Testing;
using TokenOptimizer.UsageLog;

namespace TokenOptimizer.SystemTests.UsingThePythonSdk;

/// <summary>
/// One run of the Python SDK's unittest suite against the shared system's Ingestion, started by the first test that asks
/// and shared by all. For the outage test a second Ingestion, on the same database, is started at
/// <c>INGESTION_OUTAGE_URL</c> only once the Python side says its records are buffered, and stopped after the run.
/// </summary>
public sealed class PythonSdkRun
{
    /// <summary>The line the outage test prints (sdk/python/tests/running_ingestion.py, OUTAGE_MARKER).</summary>
    public const string OutageMarker = "TOKENOPTIMIZER-OUTAGE: records buffered, start Ingestion now";

    private static readonly Lock Gate = new();
    private static Task<PythonSdkRun>? _once;
    private readonly SharedSystem _system;

    private PythonSdkRun(SharedSystem system) => _system = system;

    /// <summary>The prefix of every request id the Python side sends.</summary>
    public string Run { get; } = "python-" + Guid.NewGuid().ToString("N");

    public int ExitCode { get; private set; }

    public UnittestReport Report { get; private set; } = null!;

    /// <summary>When the outage ended: the moment the second Ingestion was asked to start.</summary>
    public DateTimeOffset? OutageEndedAt { get; private set; }

    /// <summary>The run, made by the first caller.</summary>
    public static Task<PythonSdkRun> OnceAsync(SharedSystem system)
    {
        lock (Gate)
        {
            return _once ??= Task.Run(() => RunAsync(system));
        }
    }

    /// <summary>The stored record the Python tests sent as <paramref name="name"/> for <paramref name="team"/> (none unless they set one).</summary>
    public Task<UsageIngested?> FindIngestedAsync(string name, string? team = null) => _system.Log.FindIngestedAsync(team, RequestId(name));

    public Task<long> CountQuarantinedAsync(string name) => _system.DataSource.CountQuarantinedAsync(RequestId(name));

    /// <summary>As the Python side builds it (running_ingestion.request_id).</summary>
    public string RequestId(string name) => $"{Run}-{name}";

    private static async Task<PythonSdkRun> RunAsync(SharedSystem system)
    {
        var run = new PythonSdkRun(system);
        using var http = new HttpClient { BaseAddress = system.IngestionUrl };
        var outagePort = FreePorts.Take(1)[0];
        var environment = new Dictionary<string, string>
        {
            ["INGESTION_URL"] = system.IngestionUrl.ToString(),
            ["INGEST_KEY"] = await http.CreateApiKeyAsync(system.AdminKey, Role.Ingest),
            ["INGESTION_OUTAGE_URL"] = $"http://127.0.0.1:{outagePort}/",
            ["TOKENOPTIMIZER_TEST_RUN"] = run.Run,
        };

        IngestionOnAPort? afterOutage = null;
        try
        {
            (run.ExitCode, run.Report) = await UnittestProcess.RunAsync(environment, OutageMarker, () =>
            {
                run.OutageEndedAt = DateTimeOffset.UtcNow;
                afterOutage = IngestionOnAPort.Start(system, outagePort);
                return Task.CompletedTask;
            }, TimeSpan.FromMinutes(5));
        }
        finally
        {
            if (afterOutage is not null)
            {
                await afterOutage.DisposeAsync();
            }
        }

        return run;
    }
}
