using System.Diagnostics;
using System.Text;
using TokenOptimizer.Testing;
using Xunit;

namespace TokenOptimizer.SystemTests.UsingThePythonSdk;

/// <summary>The ids of the SDK's unittest cases (<c>module.Class.test</c>), asked of unittest itself so each becomes its own xunit case.</summary>
public static class PythonTestCases
{
    private const string ListIds = """
        import unittest

        def ids(suite):
            for test in suite:
                if isinstance(test, unittest.TestSuite):
                    yield from ids(test)
                else:
                    yield test.id()

        for test_id in ids(unittest.defaultTestLoader.discover("tests")):
            print(test_id)
        """;

    public static string Folder => Path.Combine(Repository.Root(), "sdk", "python");

    public static TheoryData<string> List()
    {
        var start = new ProcessStartInfo(PythonInterpreter.Locate())
        {
            ArgumentList = { "-c", ListIds },
            WorkingDirectory = Folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["PYTHONDONTWRITEBYTECODE"] = "1" },
        };
        var errors = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.ErrorDataReceived += (_, line) => errors.AppendLine(line.Data);
        process.Start();
        process.BeginErrorReadLine();
        var ids = process.StandardOutput.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        process.WaitForExit();
        if (process.ExitCode != 0 || ids.Length == 0 || ids.Any(id => id.StartsWith("unittest.loader", StringComparison.Ordinal)))
        {
            // An import error becomes a "_FailedTest" case: show it rather than a silently shorter list.
            throw new InvalidOperationException($"Listing the Python SDK's tests failed (exit {process.ExitCode}):\n{string.Join('\n', ids)}\n{errors}");
        }

        return new TheoryData<string>(ids);
    }
}
