using Spectre.Console;

namespace TokenOptimizer.Tokenopt;

/// <summary>
/// What a command reads and writes outside itself: the consoles, the raw output for exported data, the environment
/// and the clock. <see cref="Program"/> gives the real ones; tests give captured consoles and an environment of their own,
/// so they never touch the user's home or the process's variables. <see cref="Errors"/> and <see cref="ErrorWriter"/> are
/// the same stream: the first for our messages, the second for System.CommandLine's usage errors.
/// </summary>
public sealed record CliContext(
    IAnsiConsole Console, IAnsiConsole Errors, TextWriter Data, TextWriter ErrorWriter, Func<string, string?> Environment, TimeProvider Clock)
{
    /// <summary>Where requests go: the default handler, or one a test points at an in-process server.</summary>
    public HttpMessageHandler? Handler { get; init; }

    public static CliContext ForProcess() => new(
        AnsiConsole.Console,
        AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(System.Console.Error) }),
        System.Console.Out,
        System.Console.Error,
        System.Environment.GetEnvironmentVariable,
        TimeProvider.System);
}
