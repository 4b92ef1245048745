using TokenOptimizer.SystemTests.Running;
using Xunit;

namespace TokenOptimizer.SystemTests.UsingTheCli;

/// <summary><c>tokenopt prices import</c>: a newer price file's changes as a table, then imported (or, with <c>--dry-run</c>, not).</summary>
[Collection(InTurnCollection.Name)]
public sealed class ImportingPriceFiles(SharedSystem system) : IDisposable
{
    // A model no call names, priced from now on: no other test's figures move.
    private readonly string _model = "cli-import-" + Guid.NewGuid().ToString("N")[..8];
    private readonly string _folder = Directory.CreateTempSubdirectory("tokenopt-import-").FullName;

    [Fact]
    public async Task DryRunShowsTheNewModel_ThenTheImportRecordsIt()
    {
        var admin = CliEnvironment.Isolated(system.QueryUrl.ToString(), system.AdminKey);
        var file = await WriteAsync("prices.json", $$$"""{"{{{_model}}}": {"litellm_provider": "acme", "mode": "chat", "input_cost_per_token": 2e-06, "output_cost_per_token": 4e-06}}""");

        var dryRun = await CliRun.InvokeAsync(admin, "prices", "import", file, "--dry-run");
        Assert.True(dryRun.ExitCode == 0, dryRun.Errors);
        Assert.Contains("1 new models, 0 changed prices", dryRun.Output, StringComparison.Ordinal);
        Assert.Equal([_model, "new", "", "", "", ""], dryRun.Row(_model));
        Assert.Contains("Would re-price 0 calls", dryRun.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Imported as", dryRun.Output, StringComparison.Ordinal);

        var import = await CliRun.InvokeAsync(admin, "prices", "import", file);
        Assert.True(import.ExitCode == 0, import.Errors);
        Assert.Contains("Imported as import:", import.Output, StringComparison.Ordinal);

        // Once imported, the same file changes nothing.
        var again = await CliRun.InvokeAsync(admin, "prices", "import", file, "--dry-run");
        Assert.True(again.ExitCode == 0, again.Errors);
        Assert.Contains("0 new models, 0 changed prices, 1 unchanged", again.Output, StringComparison.Ordinal);
        Assert.Contains("The file changes no price: nothing to import.", again.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadFile_ExitsWithTheModelAndFieldNamed()
    {
        var admin = CliEnvironment.Isolated(system.QueryUrl.ToString(), system.AdminKey);
        var file = await WriteAsync("bad.json", $$$"""{"{{{_model}}}": {"litellm_provider": "acme", "input_cost_per_token": -1}}""");

        var run = await CliRun.InvokeAsync(admin, "prices", "import", file);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"content.{_model}.input_cost_per_token", run.Errors, StringComparison.Ordinal);
        Assert.Contains("cannot be negative", run.Errors, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private async Task<string> WriteAsync(string name, string content)
    {
        var path = Path.Combine(_folder, name);
        await File.WriteAllTextAsync(path, content);
        return path;
    }
}
