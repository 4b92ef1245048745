using System.Diagnostics;
using TokenOptimizer.Testing;

namespace TokenOptimizer.SystemTests.UsingThePythonSdk;

/// <summary>
/// Runs <c>python3 -m unittest discover -s tests -v</c> in <c>sdk/python</c> and calls back when a line of its
/// standard output equals a marker, so the caller can change the world (start a service) while the tests wait.
/// </summary>
public static class UnittestProcess
{
    public static async Task<(int ExitCode, UnittestReport Report)> RunAsync(
        IReadOnlyDictionary<string, string> environment, string marker, Func<Task> onMarker, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(PythonInterpreter.Locate())
        {
            ArgumentList = { "-m", "unittest", "discover", "-s", "tests", "-v" },
            WorkingDirectory = PythonTestCases.Folder,
            Environment = { ["PYTHONDONTWRITEBYTECODE"] = "1", ["PYTHONUNBUFFERED"] = "1" },
        };
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var (exitCode, output) = await ProcessWithMarker.RunAsync(start, marker, onMarker, timeout);
        return (exitCode, new UnittestReport(output));
    }
}
