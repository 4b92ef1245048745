using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using TokenOptimizer.Access;

namespace TokenOptimizer.TypeScriptSdk.Tests;

/// <summary>
/// The real Ingestion service, in the test process, on a given database and virtual host, listening on a loopback port of
/// our choosing: node reaches it over a real socket, and a second one can be started later at an address the SDK already sends to.
/// </summary>
public sealed class IngestionOnAPort : IAsyncDisposable
{
    private readonly WebApplicationFactory<Program> _factory;

    private IngestionOnAPort(WebApplicationFactory<Program> factory, Uri url)
    {
        _factory = factory;
        Url = url;
    }

    public Uri Url { get; }

    public IServiceProvider Services => _factory.Services;

    public static IngestionOnAPort Start(string postgres, string rabbitMq, string adminKey, int port)
    {
        var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web => web
            .UseSetting("ConnectionStrings:postgres", postgres)
            .UseSetting("ConnectionStrings:rabbitmq", rabbitMq)
            .UseSetting("Access:BootstrapAdminKey", adminKey));
        factory.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        factory.StartServer();
        return new IngestionOnAPort(factory, new Uri($"http://127.0.0.1:{port}"));
    }

    /// <summary>A new unscoped ingest key, as a producer sending every team's usage holds.</summary>
    public async Task<string> CreateIngestKeyAsync() =>
        (await Services.GetRequiredService<ApiKeyStore>().CreateAsync("tests: typescript sdk", Role.Ingest, team: null)).Plaintext;

    public ValueTask DisposeAsync() => _factory.DisposeAsync();
}
