using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using TokenOptimizer.Access;
using TokenOptimizer.Query.Serving;
using TokenOptimizer.Testing;
using Xunit;

namespace TokenOptimizer.Query.IntegrationTests;

/// <summary>The built dashboard at <c>/</c>: its files, index.html for the app's own paths, and the API untouched.</summary>
public sealed class ServingTheDashboard : IAsyncLifetime
{
    private readonly PostgresDatabaseFixture _postgres = new();
    private readonly string _dist = Directory.CreateTempSubdirectory("dashboard-dist-").FullName;
    private WebApplicationFactory<QueryOptions>? _query;

    public async Task InitializeAsync()
    {
        await _postgres.InitializeAsync();
        Directory.CreateDirectory(Path.Combine(_dist, "assets"));
        await File.WriteAllTextAsync(Path.Combine(_dist, "index.html"), "<!doctype html><title>TokenOptimizer</title><div id=root></div>");
        await File.WriteAllTextAsync(Path.Combine(_dist, "assets", "app-1234.js"), "console.log('app')");
        _query = new WebApplicationFactory<QueryOptions>().WithWebHostBuilder(web => web
            .UseSetting("ConnectionStrings:postgres", _postgres.ConnectionString)
            .UseSetting("Access:BootstrapAdminKey", ApiKeys.Generate())
            .UseSetting("Dashboard:Path", _dist));
    }

    [Fact]
    public async Task TheAppIsServedWithoutAKey_AndTheApiStillNeedsOne()
    {
        using var client = _query!.CreateClient();

        using var root = await client.GetAsync("/");
        using var bookmarked = await client.GetAsync("/costs?range=LAST_7_DAYS&models=gpt-4o");
        using var asset = await client.GetAsync("/assets/app-1234.js");
        using var missingAsset = await client.GetAsync("/assets/gone.js");
        using var api = await client.PostAsync("/graphql", new StringContent("{\"query\":\"{ __typename }\"}", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, root.StatusCode);
        Assert.Contains("<title>TokenOptimizer</title>", await root.Content.ReadAsStringAsync());
        Assert.Equal("no-cache", root.Headers.CacheControl?.ToString());
        Assert.Contains("<title>TokenOptimizer</title>", await bookmarked.Content.ReadAsStringAsync());
        Assert.Equal("console.log('app')", await asset.Content.ReadAsStringAsync());
        Assert.Contains("immutable", asset.Headers.CacheControl?.ToString());
        Assert.Equal(HttpStatusCode.NotFound, missingAsset.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
    }

    public async Task DisposeAsync()
    {
        if (_query is not null)
        {
            await _query.DisposeAsync();
        }

        await _postgres.DisposeAsync();
        Directory.Delete(_dist, recursive: true);
    }
}
