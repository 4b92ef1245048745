using System.Diagnostics;
using System.IO.Compression;
using System.Xml.Linq;
using TokenOptimizer.Testing;
using Xunit;

namespace TokenOptimizer.Client.Tests;

/// <summary>
/// <c>dotnet pack</c> gives the SDK's packages, offline, with their metadata; the core package depends on neither vendor
/// SDK, and each adapter package on its own SDK only.
/// </summary>
public sealed class PackingTheSdk : IDisposable
{
    private static readonly TimeSpan PackTimeout = TimeSpan.FromMinutes(3);
    private readonly string _output = Directory.CreateTempSubdirectory("tokenoptimizer-packs-").FullName;

    public void Dispose() => Directory.Delete(_output, recursive: true);

    [Theory]
    [InlineData("libs/Client", "TokenOptimizer.Client", new string[0], new[] { "OpenAI", "Anthropic" })]
    [InlineData("libs/Client.OpenAI", "TokenOptimizer.Client.OpenAI", new[] { "OpenAI", "TokenOptimizer.Client" }, new[] { "Anthropic" })]
    [InlineData("libs/Client.Anthropic", "TokenOptimizer.Client.Anthropic", new[] { "Anthropic", "TokenOptimizer.Client" }, new[] { "OpenAI" })]
    [InlineData("libs/Client.MassTransit", "TokenOptimizer.Client.MassTransit", new[] { "MassTransit", "TokenOptimizer.Client" }, new[] { "OpenAI", "Anthropic" })]
    public async Task Package_HasItsMetadataAndOnlyItsDependencies(string project, string packageId, string[] dependsOn, string[] neverDependsOn)
    {
        await PackAsync(project);

        await using var package = await ZipFile.OpenReadAsync(Assert.Single(Directory.GetFiles(_output, packageId + ".*.nupkg")));
        await using var nuspecStream = await package.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).OpenAsync();
        var nuspec = await XDocument.LoadAsync(nuspecStream, LoadOptions.None, CancellationToken.None);
        string? Field(string name) => nuspec.Descendants().FirstOrDefault(e => e.Name.LocalName == name)?.Value;
        Assert.Equal(packageId, Field("id"));
        Assert.False(string.IsNullOrWhiteSpace(Field("description")));
        Assert.Equal("README.md", Field("readme"));
        Assert.Contains(package.Entries, e => e.FullName == "README.md");
        Assert.Contains(package.Entries, e => e.FullName == $"lib/net10.0/{packageId}.xml");

        var dependencies = nuspec.Descendants().Where(e => e.Name.LocalName == "dependency").Select(e => e.Attribute("id")!.Value).ToHashSet();
        Assert.Superset(dependsOn.ToHashSet(), dependencies);
        Assert.Empty(dependencies.Intersect(neverDependsOn));
    }

    // Packs what the test run already built (same configuration), so nothing is restored or compiled again.
    private async Task PackAsync(string project)
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
        var start = new ProcessStartInfo("dotnet", ["pack", Path.Combine(Repository.Root(), project), "--no-build", "-c", configuration, "-o", _output])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var pack = Process.Start(start)!;
        var output = pack.StandardOutput.ReadToEndAsync();
        var errors = pack.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(PackTimeout);
        await pack.WaitForExitAsync(timeout.Token);
        Assert.True(pack.ExitCode == 0, $"dotnet pack {project} exited {pack.ExitCode}: {await output}{await errors}");
    }
}
