using System.Collections.Concurrent;

namespace TokenOptimizer.Provisioning;

/// <summary>
/// Stops every instance still running when the process exits without disposing it: Main returned, or
/// Environment.Exit was called (also by a host that handled SIGINT/SIGTERM and then shut down). Since
/// .NET 10 an unhandled SIGTERM or SIGINT kills the process without raising ProcessExit; the
/// <see cref="Watchdog"/> covers those and every other death. Disposing remains the main path.
/// </summary>
internal static class ProcessExitCleanup
{
    private static readonly ConcurrentDictionary<LocalInfrastructure, byte> Running = new();

    static ProcessExitCleanup() => AppDomain.CurrentDomain.ProcessExit += (_, _) =>
    {
        foreach (var instance in Running.Keys)
        {
            instance.Stop();
        }
    };

    public static void Register(LocalInfrastructure instance) => Running.TryAdd(instance, 0);

    public static void Unregister(LocalInfrastructure instance) => Running.TryRemove(instance, out _);
}
