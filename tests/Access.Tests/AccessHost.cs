using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace TokenOptimizer.Access.Tests;

/// <summary>
/// An in-memory service as the real ones will be wired: <c>AddApiKeys</c>, <c>MapApiKeys</c>, and one endpoint
/// per role (plus a route group) that echoes the <see cref="ApiKeyPrincipal"/> it was given.
/// </summary>
internal sealed class AccessHost : IAsyncDisposable
{
    public const string ReadPath = "/data";
    public const string GroupReadPath = "/reports/costs";
    public const string IngestPath = "/usage";
    public const string AdminPath = "/v1/admin/api-keys";

    private readonly WebApplication _app;

    private AccessHost(WebApplication app, string bootstrapAdminKey, RecordingLoggerProvider logs)
    {
        _app = app;
        BootstrapAdminKey = bootstrapAdminKey;
        Logs = logs;
    }

    public string BootstrapAdminKey { get; }

    public RecordingLoggerProvider Logs { get; }

    public ApiKeyStore Store => _app.Services.GetRequiredService<ApiKeyStore>();

    public static async Task<AccessHost> StartAsync(string connectionString, string? bootstrapAdminKey = null, TimeSpan? cacheDuration = null)
    {
        bootstrapAdminKey ??= ApiKeys.Generate();
        var logs = new RecordingLoggerProvider();
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders().AddProvider(logs).SetMinimumLevel(LogLevel.Trace);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Access:BootstrapAdminKey"] = bootstrapAdminKey,
            ["Access:CacheDuration"] = cacheDuration?.ToString("c", System.Globalization.CultureInfo.InvariantCulture),
        });
        builder.Services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString));
        builder.AddApiKeys();

        var app = builder.Build();
        app.UseApiKeys();
        app.MapApiKeys();
        app.MapGet(ReadPath, (ApiKeyPrincipal caller) => caller).RequireRole(Role.Read);
        app.MapPost(IngestPath, (ApiKeyPrincipal caller) => caller).RequireRole(Role.Ingest);
        var reports = app.MapGroup("/reports").RequireRole(Role.Read);
        reports.MapGet("/costs", (ApiKeyPrincipal caller) => caller);
        try
        {
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        return new AccessHost(app, bootstrapAdminKey, logs);
    }

    /// <summary>A client sending <paramref name="key"/> as a bearer token, or no key at all.</summary>
    public HttpClient Client(string? key = null)
    {
        var client = _app.GetTestClient();
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return client;
    }

    public HttpClient Admin() => Client(BootstrapAdminKey);

    /// <summary>Creates a key through the admin endpoint, as an operator would.</summary>
    public async Task<(string KeyId, string Key)> CreateKeyAsync(string role, string? team = null, string name = "test key")
    {
        var response = await Admin().PostAsJsonAsync(AdminPath, new { name, role, team });
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (body.GetProperty("keyId").GetString()!, body.GetProperty("key").GetString()!);
    }

    /// <summary>The status of a request to <paramref name="path"/> with <paramref name="key"/>.</summary>
    public async Task<HttpResponseMessage> SendAsync(string? key, string path)
    {
        using var request = new HttpRequestMessage(path == IngestPath ? HttpMethod.Post : HttpMethod.Get, path);
        return await Client(key).SendAsync(request);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
