using System.Collections.Concurrent;

namespace TokenOptimizer.Provisioning;

/// <summary>
/// Stops every instance still running when the process exits normally, by SIGTERM, or by a Ctrl+C that
/// nobody cancelled (.NET raises ProcessExit for all three). Disposing is the main path; this and the
/// <see cref="Watchdog"/> (for deaths that run no .NET code at all) are the safety nets.
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
