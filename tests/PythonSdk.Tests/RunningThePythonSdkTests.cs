using Xunit;

namespace TokenOptimizer.PythonSdk.Tests;

/// <summary>Every unittest case of sdk/python, run against the real Ingestion service, passes: none fails, errs or is skipped.</summary>
[Collection(PythonSdkCollection.Name)]
public sealed class RunningThePythonSdkTests(PythonSdkRun run)
{
    public static TheoryData<string> Cases => PythonTestCases.List();

    [Theory]
    [MemberData(nameof(Cases))]
    public void PythonTestCase_Passes(string testId)
    {
        var verdict = run.Report.VerdictOf(testId);

        Assert.True(verdict == "ok",
            $"{testId}: {verdict ?? "did not run"}\n{run.Report.DetailsOf(testId)}\n\nThe whole unittest output:\n{run.Report.Output}");
    }

    [Fact]
    public void PythonUnittest_ExitsWithZero() =>
        Assert.True(run.ExitCode == 0, $"python3 -m unittest exited with {run.ExitCode}:\n{run.Report.Output}");
}
