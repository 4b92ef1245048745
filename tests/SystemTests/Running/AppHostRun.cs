using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace TokenOptimizer.SystemTests.Running;

/// <summary>
/// The app host (<c>AppHost/</c>) started in the test process with <c>Aspire.Hosting.Testing</c>, as
/// <c>dotnet run --project AppHost</c> starts it, in one mode (<c>--local</c> or <c>--containers</c>), its local servers'
/// data in a folder of its own; running once Query, the last service, is healthy. Disposing stops everything and deletes
/// the folder.
/// </summary>
public sealed class AppHostRun : IAsyncDisposable
{
    public const string LocalProcesses = "--local";
    public const string Containers = "--containers";

    private static readonly string[] ServiceNames = ["ingestion", "aggregation", "recommendations", "query"];
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(5);

    private AppHostRun(DistributedApplication app, string dataFolder, string adminKey)
    {
        App = app;
        DataFolder = dataFolder;
        AdminKey = adminKey;
    }

    public DistributedApplication App { get; }

    /// <summary>Where the local servers keep their data (local-processes mode).</summary>
    public string DataFolder { get; }

    /// <summary>This run's bootstrap admin key, as the app host made it.</summary>
    public string AdminKey { get; }

    /// <summary>
    /// Starts the app host; <paramref name="settings"/> go to every service's environment, <paramref name="arguments"/>
    /// (such as <c>--replicas 2</c>) to the app host's command line.
    /// </summary>
    public static async Task<AppHostRun> StartAsync(string mode, IReadOnlyDictionary<string, string>? settings = null, IReadOnlyList<string>? arguments = null)
    {
        var dataFolder = Path.Combine(Path.GetTempPath(), $"tokenoptimizer-systemtests-{Guid.NewGuid():N}");
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>([mode, "--data", dataFolder, .. arguments ?? []]);
        foreach (var service in ServiceNames)
        {
            var resource = builder.CreateResourceBuilder<ProjectResource>(service);
            foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            {
                resource.WithEnvironment(key, value);
            }
        }

        var app = await builder.BuildAsync();
        using var timeout = new CancellationTokenSource(StartTimeout);
        try
        {
            await app.StartAsync(timeout.Token);
            await app.ResourceNotifications.WaitForResourceHealthyAsync("query", timeout.Token);
        }
        catch
        {
            await app.DisposeAsync();
            DeleteFolder(dataFolder);
            throw;
        }

        var adminKey = await app.Services.GetRequiredService<DistributedApplicationModel>().Resources.OfType<ParameterResource>()
            .Single(p => p.Name == "bootstrap-admin-key").GetValueAsync(CancellationToken.None);
        return new AppHostRun(app, dataFolder, adminKey!);
    }

    public Uri UrlOf(string service) => App.GetEndpoint(service, "http");

    public async Task<string> ConnectionStringAsync(string resource) =>
        await App.GetConnectionStringAsync(resource) ?? throw new InvalidOperationException($"{resource} has no connection string.");

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        DeleteFolder(DataFolder);
    }

    private static void DeleteFolder(string folder)
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
