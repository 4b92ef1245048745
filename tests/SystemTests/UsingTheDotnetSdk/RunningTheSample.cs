using System.Diagnostics;
using TokenOptimizer.Access;
using TokenOptimizer.SystemTests.Running;
using TokenOptimizer.Testing;
using Xunit;

namespace TokenOptimizer.SystemTests.UsingTheDotnetSdk;

/// <summary>samples/ChatWithUsage, run as a user would, delivers every call's usage to a real Ingestion.</summary>
[Collection(InTurnCollection.Name)]
public sealed class RunningTheSample(SharedSystem system)
{
    [Fact]
    public async Task TheSample_AnswersItsQuestions_AndDeliversEveryRecord()
    {
        using var http = new HttpClient { BaseAddress = system.IngestionUrl };
        var ingestKey = await http.CreateApiKeyAsync(system.AdminKey, Role.Ingest);
        var start = new ProcessStartInfo("dotnet", [Repository.BuiltAssembly("samples/ChatWithUsage", "TokenOptimizer.ChatWithUsage"), "first question", "second question"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["TokenOptimizer__IngestionUrl"] = system.IngestionUrl.ToString(),
                ["TokenOptimizer__ApiKey"] = ingestKey,
                ["TokenOptimizer__Feature"] = "sample-test",
            },
        };

        using var sample = Process.Start(start)!;
        var output = sample.StandardOutput.ReadToEndAsync();
        var errors = sample.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await sample.WaitForExitAsync(timeout.Token);

        Assert.True(sample.ExitCode == 0, $"The sample exited with {sample.ExitCode}:\n{await output}\n{await errors}");
        Assert.Contains("2 recorded, 2 delivered", await output);
        var stored = await StoredUsage.OfFeatureAsync(system.ConnectionString, "sample-test");
        Assert.Equal(2, stored.Count);
        Assert.All(stored, u => Assert.Equal(("openai", "gpt-4o-mini", "samples"), (u.Provider, u.Model, u.Team)));
    }
}
