using System.Diagnostics.CodeAnalysis;

namespace TokenOptimizer.Testing;

/// <summary>Work started on first use and shared by every caller after: a failure fails them all the same way.</summary>
public sealed class OnFirstUse<T>(Func<Task<T>> start)
{
    private readonly Lock _gate = new();
    private Task<T>? _started;

    /// <summary>The work, started now if nobody asked before.</summary>
    [SuppressMessage("Usage", "VSTHRD003:Avoid awaiting foreign Tasks", Justification = "Started by Task.Run, outside any synchronization context; sharing it is the point.")]
    public Task<T> GetAsync()
    {
        lock (_gate)
        {
            // Task.Run: the work must not run on (and capture) the first caller's xunit synchronization context.
            return _started ??= Task.Run(start);
        }
    }
}
