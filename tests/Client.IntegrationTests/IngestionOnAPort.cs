using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using TokenOptimizer.Testing;

namespace TokenOptimizer.Client.IntegrationTests;

/// <summary>
/// The real Ingestion service listening on a real loopback port of our choosing, so it can be stopped and started
/// again at the same address while a producer keeps sending there.
/// </summary>
internal sealed class IngestionOnAPort : IAsyncDisposable
{
    private readonly WebApplicationFactory<Program> _factory;

    private IngestionOnAPort(WebApplicationFactory<Program> factory, Uri url)
    {
        _factory = factory;
        Url = url;
    }

    public Uri Url { get; }

    public IServiceProvider Services => _factory.Services;

    public static IngestionOnAPort Start(IntegrationInfrastructureFixture infrastructure, int port, string adminKey)
    {
        var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web => web
            .UseSetting("ConnectionStrings:postgres", infrastructure.Postgres.ConnectionString)
            .UseSetting("ConnectionStrings:rabbitmq", infrastructure.RabbitMq.ConnectionString)
            .UseSetting("Access:BootstrapAdminKey", adminKey));
        factory.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        factory.StartServer();
        return new IngestionOnAPort(factory, new Uri($"http://127.0.0.1:{port}"));
    }

    public ValueTask DisposeAsync() => _factory.DisposeAsync();
}
