using System.Diagnostics;

namespace TokenOptimizer.Provisioning.Services;

/// <summary>
/// One of our services run as its own process (<c>dotnet Service.dll</c>) on a loopback port, with its
/// output in a log file. Used by the AppHost and the benchmarks: the same way a service is run for real.
/// </summary>
public sealed class DotnetService : IAsyncDisposable
{
    private static readonly TimeSpan GracefulStop = TimeSpan.FromSeconds(10);
    private readonly Process _process;

    private DotnetService(string name, Process process, Uri url, string logFile)
    {
        Name = name;
        _process = process;
        Url = url;
        LogFile = logFile;
    }

    /// <summary>The service's name, e.g. <c>ingestion</c>.</summary>
    public string Name { get; }

    /// <summary>Where it listens.</summary>
    public Uri Url { get; }

    /// <summary>Its standard output and error.</summary>
    public string LogFile { get; }

    /// <summary>Whether the process has ended.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>
    /// Starts <paramref name="assemblyPath"/> with <paramref name="environment"/> added, listening on <paramref name="url"/>,
    /// or on a free loopback port when it is null.
    /// </summary>
    public static DotnetService Start(string name, string assemblyPath, IReadOnlyDictionary<string, string> environment, string logFile, Uri? url = null)
    {
        if (!File.Exists(assemblyPath))
        {
            throw new ProvisioningException($"The {name} service is not built: {assemblyPath} is missing. Run `dotnet build` first.");
        }

        url ??= FreeLoopbackUrl();
        var start = new ProcessStartInfo("dotnet", [assemblyPath])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(assemblyPath)!,
        };
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        start.Environment["ASPNETCORE_URLS"] = url.ToString();
        start.Environment["OTEL_SERVICE_NAME"] = name;
        start.Environment["MASSTRANSIT_USAGE_TELEMETRY"] = "false";

        Directory.CreateDirectory(Path.GetDirectoryName(logFile)!);
        var log = new StreamWriter(logFile, append: true) { AutoFlush = true };
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, line) => Write(log, line.Data);
        process.ErrorDataReceived += (_, line) => Write(log, line.Data);
        process.Exited += (_, _) => log.Dispose();
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new DotnetService(name, process, url, logFile);
    }

    /// <summary>An <c>http://127.0.0.1:port</c> address nothing listens on now, for a service to be started there later.</summary>
    public static Uri FreeLoopbackUrl() => new($"http://127.0.0.1:{FreePorts.Take(1)[0]}");

    /// <summary>Waits until <c>/health</c> answers 200, or fails with the tail of the service's log.</summary>
    public async Task WaitHealthyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = Url, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (HasExited)
            {
                throw new ProvisioningException($"The {Name} service exited with code {_process.ExitCode}. Its log ({LogFile}) ends:\n{LogTail.Read(LogFile)}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri("/health", UriKind.Relative), cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                // Not listening yet.
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
        }

        throw new ProvisioningException($"The {Name} service did not become healthy within {timeout.TotalSeconds:0} s. Its log ({LogFile}) ends:\n{LogTail.Read(LogFile)}");
    }

    /// <summary>Kills the process at once (SIGKILL, as <c>kill -9</c>): nothing drains, nothing is flushed. For fault tests.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            ProcessTable.Send(_process.Id, Signal.Kill);
            await _process.WaitForExitAsync();
        }
    }

    /// <summary>Asks the service to stop (SIGTERM, so it drains), then kills it if it has not stopped in time.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            ProcessTable.Send(_process.Id, Signal.Terminate);
            using var timeout = new CancellationTokenSource(GracefulStop);
            try
            {
                await _process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        _process.Dispose();
    }

    /// <summary>
    /// The built assembly of a project in this repository, in the same configuration as the caller
    /// (the AppHost and the benchmarks reference the services so that building them builds these).
    /// </summary>
    public static string LocateAssembly(string projectDirectory, string assemblyName)
    {
        var callerOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var targetFramework = callerOutput.Name;
        var configuration = callerOutput.Parent!.Name;
        return Path.Combine(RepositoryRoot(), projectDirectory, "bin", configuration, targetFramework, assemblyName + ".dll");
    }

    /// <summary>The folder holding <c>TokenOptimizer.sln</c>, found upwards from the running program.</summary>
    public static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "TokenOptimizer.sln")))
            {
                return folder.FullName;
            }
        }

        throw new ProvisioningException("Cannot find TokenOptimizer.sln above " + AppContext.BaseDirectory);
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            try
            {
                log.WriteLine(line);
            }
            catch (ObjectDisposedException)
            {
                // The process ended while its last lines were in flight.
            }
        }
    }
}
