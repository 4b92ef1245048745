using Xunit;

namespace TokenOptimizer.TypeScriptSdk.Tests;

/// <summary>Every Vitest case of sdk/typescript, unit and against the real Ingestion service, passes: none fails or is skipped.</summary>
[Collection(TypeScriptSdkCollection.Name)]
public sealed class RunningTheTypeScriptSdkTests(TypeScriptSdkRun run)
{
    public static TheoryData<string> Cases => VitestCases.List();

    [Theory]
    [MemberData(nameof(Cases))]
    public void VitestCase_Passes(string testId)
    {
        var status = run.Report.StatusOf(testId);

        Assert.True(status == "passed", $"{testId}: {status ?? "did not run"}\n{run.Report.FailuresOf(testId)}\n\nThe whole Vitest output:\n{run.Output}");
    }

    [Fact]
    public void Vitest_ExitsWithZero() =>
        Assert.True(run.ExitCode == 0, $"npx vitest run exited with {run.ExitCode}:\n{run.Output}");
}
