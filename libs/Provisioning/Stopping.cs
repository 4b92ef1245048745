namespace TokenOptimizer.Provisioning;

/// <summary>What a stop signal for a tracked process reaches, and when.</summary>
internal enum Stopping
{
    /// <summary>The process alone; it stops its own children (PostgreSQL's postmaster does).</summary>
    Process,

    /// <summary>
    /// The process and its whole process group. For the rabbitmq-server script, whose Erlang VM's pid
    /// we learn only once the broker is up: a start interrupted earlier must not orphan the VM.
    /// </summary>
    ProcessGroup,

    /// <summary>The process alone, after the others are gone (epmd: a VM that is still booting would start another).</summary>
    Last,
}

internal static class StoppingNames
{
    /// <summary>The word the watchdog's tracking file uses.</summary>
    public static string ShellName(this Stopping stopping) => stopping switch
    {
        Stopping.Process => "process",
        Stopping.ProcessGroup => "group",
        Stopping.Last => "last",
        _ => throw new ArgumentOutOfRangeException(nameof(stopping), stopping, null),
    };
}
