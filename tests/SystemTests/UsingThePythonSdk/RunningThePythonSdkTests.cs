using TokenOptimizer.SystemTests.Running;
using Xunit;

namespace TokenOptimizer.SystemTests.UsingThePythonSdk;

/// <summary>Every unittest case of sdk/python, run against the real Ingestion service, passes: none fails, errs or is skipped.</summary>
[Collection(InTurnCollection.Name)]
public sealed class RunningThePythonSdkTests(SharedSystem system)
{
    public static TheoryData<string> Cases => PythonTestCases.List();

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task PythonTestCase_Passes(string testId)
    {
        var run = await PythonSdkRun.OnceAsync(system);
        var verdict = run.Report.VerdictOf(testId);

        Assert.True(verdict == "ok",
            $"{testId}: {verdict ?? "did not run"}\n{run.Report.DetailsOf(testId)}\n\nThe whole unittest output:\n{run.Report.Output}");
    }

    [Fact]
    public async Task PythonUnittest_ExitsWithZero()
    {
        var run = await PythonSdkRun.OnceAsync(system);
        Assert.True(run.ExitCode == 0, $"python3 -m unittest exited with {run.ExitCode}:\n{run.Report.Output}");
    }
}
