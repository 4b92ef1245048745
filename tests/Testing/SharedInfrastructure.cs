using System.Diagnostics.CodeAnalysis;
using TokenOptimizer.Provisioning;

namespace TokenOptimizer.Testing;

/// <summary>
/// The one PostgreSQL and one RabbitMQ of this test process, started on first use and shared by every
/// test class in it; each class gets its own database or virtual host from the fixtures.
/// </summary>
/// <remarks>
/// <para>
/// <c>dotnet test</c> runs each test assembly in its own process, so "one server per test run" means
/// one per test assembly: assemblies run in parallel without sharing anything.
/// </para>
/// <para>
/// The servers are throw-away (<see cref="LocalInfrastructureOptions.Durable"/> off: fsync off, killed
/// rather than shut down) in a fresh folder under <c>{temp}/tokenoptimizer/</c>. They stop when the
/// process exits: the test host gets only ~100 ms from vstest before it is killed, so usually
/// <see cref="LocalInfrastructure"/>'s watchdog does it, a moment after the process is gone.
/// </para>
/// <para>
/// With <c>ConnectionStrings__postgres</c> / <c>ConnectionStrings__rabbitmq</c> set, those servers are
/// used instead (a given broker needs its management plugin for per-class virtual hosts). Set
/// <c>TOKENOPTIMIZER_PROVISIONING_LOG=1</c> to see the start-up progress on stderr.
/// </para>
/// </remarks>
public static class SharedInfrastructure
{
    private static readonly Lock Gate = new();
    private static Task<LocalInfrastructure>? _instance;

    /// <summary>The options the shared instance starts with.</summary>
    public static LocalInfrastructureOptions Options { get; } = new LocalInfrastructureOptions
    {
        Durable = false,
        Progress = Environment.GetEnvironmentVariable("TOKENOPTIMIZER_PROVISIONING_LOG") is "1" or "true"
            ? line => Console.Error.WriteLine($"[provisioning] {line}")
            : null,
    }.WithConnectionStringsFromEnvironment();

    /// <summary>The shared instance, starting it if this is the first use. A failed start fails every caller the same way.</summary>
    [SuppressMessage("Usage", "VSTHRD003:Avoid awaiting foreign Tasks", Justification = "Started by Task.Run, outside any synchronization context; sharing it is the point.")]
    public static Task<LocalInfrastructure> GetAsync()
    {
        lock (Gate)
        {
            // Task.Run: the start must not run on (and capture) the first caller's xunit synchronization context.
            return _instance ??= Task.Run(() => LocalInfrastructure.StartAsync(Options));
        }
    }
}
