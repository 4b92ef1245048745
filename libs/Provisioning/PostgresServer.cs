using System.Diagnostics;
using System.Globalization;
using System.Runtime.Versioning;
using Npgsql;

namespace TokenOptimizer.Provisioning;

/// <summary>
/// A private PostgreSQL cluster in <c>{data folder}/postgres</c>, listening on one loopback port only
/// (no Unix socket: nothing to collide with the system's /var/run/postgresql, no socket-path length limit).
/// </summary>
internal sealed class PostgresServer : IDisposable
{
    public const string SuperUser = "postgres";

    private readonly string _folder;
    private readonly string _bin;
    private readonly int _port;
    private readonly string _password;
    private readonly ServiceAccount _account = ServiceAccount.For("postgres");
    private ServerProcess? _process;

    public PostgresServer(string folder, string bin, int port, string password)
    {
        _folder = folder;
        _bin = bin;
        _port = port;
        _password = password;
    }

    public string ConnectionString => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = _port,
        Username = SuperUser,
        Password = _password,
        Database = "postgres",
    }.ConnectionString;

    public IEnumerable<int> ProcessIds => _process is null ? [] : [_process.Id];

    private string DataDirectory => Path.Combine(_folder, "data");

    private string LogFile => Path.Combine(_folder, "server.log");

    // Fast shutdown checkpoints, so the cluster restarts without recovery.
    private static Signal StopSignal => Signal.Interrupt;

    // The version folder: /usr/lib/postgresql/15/bin → 15.
    private int InstalledMajor => int.Parse(Path.GetFileName(Path.GetDirectoryName(_bin))!.Split('.')[0], NumberStyles.None, CultureInfo.InvariantCulture);

    [SupportedOSPlatform("linux")]
    public async Task StartAsync(Watchdog watchdog, TimeSpan timeout, Action<string> progress, CancellationToken ct)
    {
        var stopwatch = Stopwatch.StartNew();
        Directory.CreateDirectory(_folder);
        switch (InstalledServers.DataFolderMajorVersion(DataDirectory))
        {
            case null:
                await InitializeAsync(progress, ct);
                break;
            case var major when major != InstalledMajor:
                throw new ProvisioningException(
                    $"{DataDirectory} was created by PostgreSQL {major}, but PostgreSQL {InstalledMajor} is installed. " +
                    "Delete the folder (its data is lost) or upgrade it with pg_upgrade.");
            default:
                progress($"PostgreSQL: reusing the cluster in {DataDirectory}");
                break;
        }

        _process?.Dispose(); // a server stopped to be started again
        progress($"PostgreSQL {InstalledMajor}: starting on 127.0.0.1:{_port}, log {LogFile}");
        _process = ServerProcess.Start("PostgreSQL", _account, Path.Combine(_bin, "postgres"), ServerArguments(), LogFile, watchdog, StopSignal, Stopping.Process);
        await WaitUntilReadyAsync(_process, timeout, ct);
        progress($"PostgreSQL: ready after {stopwatch.Elapsed.TotalSeconds:0.0} s");
    }

    /// <summary>Signals the server to stop: its own stop signal, or <paramref name="signal"/> (fast shutdown: <see cref="Signal.Interrupt"/>).</summary>
    public void BeginStop(Signal? signal = null) => _process?.Send(signal ?? StopSignal);

    public bool WaitForStop(TimeSpan timeout)
    {
        if (_process is null || _process.WaitForExit(timeout))
        {
            return true;
        }

        _process.Send(Signal.Kill);
        return _process.WaitForExit(TimeSpan.FromSeconds(5));
    }

    public void Dispose() => _process?.Dispose();

    [SupportedOSPlatform("linux")]
    private async Task InitializeAsync(Action<string> progress, CancellationToken ct)
    {
        progress($"PostgreSQL: creating a cluster in {DataDirectory}");
        var passwordFile = Path.Combine(_folder, "initdb-password");
        OwnerOnlyFile.Write(passwordFile, _password);
        try
        {
            await _account.TakeOwnershipAsync(_folder, ct);
            List<string> arguments =
            [
                "-D", DataDirectory, "-U", SuperUser, "-E", "UTF8", "--locale=C",
                "--auth=scram-sha-256", $"--pwfile={passwordFile}",
            ];
            var result = await CommandRunner.RunAsAsync(_account, Path.Combine(_bin, "initdb"), arguments, null, null, ct);
            result.ThrowIfFailed("creating the PostgreSQL cluster");
        }
        finally
        {
            File.Delete(passwordFile);
        }
    }

    private List<string> ServerArguments() =>
    [
        "-D", DataDirectory, "-p", _port.ToString(CultureInfo.InvariantCulture),
        "-c", "listen_addresses=127.0.0.1",
        "-c", "unix_socket_directories=",
        "-c", "max_connections=300",
        // An append-heavy event log: spaced-out checkpoints write far fewer full-page images to the WAL.
        "-c", "shared_buffers=512MB",
        "-c", "max_wal_size=4GB",
        "-c", "checkpoint_timeout=15min",
    ];

    private async Task WaitUntilReadyAsync(ServerProcess process, TimeSpan timeout, CancellationToken ct)
    {
        var probe = new NpgsqlConnectionStringBuilder(ConnectionString) { Pooling = false, Timeout = 5 }.ConnectionString;
        var deadline = Stopwatch.StartNew();
        Exception? lastError = null;
        while (deadline.Elapsed < timeout)
        {
            if (process.HasExited)
            {
                throw new ProvisioningException(
                    $"PostgreSQL exited with code {process.ExitCode} while starting.\n{LogTail.Read(LogFile)}");
            }

            try
            {
                await using var connection = new NpgsqlConnection(probe);
                await connection.OpenAsync(ct);
                return;
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException or IOException)
            {
                // Not listening yet, or "the database system is starting up".
                lastError = e;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), ct);
        }

        throw new ProvisioningException(
            $"PostgreSQL did not accept connections on 127.0.0.1:{_port} within {timeout.TotalSeconds:0} s " +
            $"(last error: {lastError?.Message}).\n{LogTail.Read(LogFile)}");
    }
}
