namespace TokenOptimizer.Provisioning;

/// <summary>The POSIX signals we send to servers; the values are Linux's.</summary>
internal enum Signal
{
    Interrupt = 2,
    Quit = 3,
    Kill = 9,
    Terminate = 15,
}

internal static class SignalNames
{
    /// <summary>The name <c>kill -s</c> understands, for the watchdog's shell script.</summary>
    public static string ShellName(this Signal signal) => signal switch
    {
        Signal.Interrupt => "INT",
        Signal.Quit => "QUIT",
        Signal.Kill => "KILL",
        Signal.Terminate => "TERM",
        _ => throw new ArgumentOutOfRangeException(nameof(signal), signal, null),
    };
}
