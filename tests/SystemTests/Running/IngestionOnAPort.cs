using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace TokenOptimizer.SystemTests.Running;

/// <summary>
/// The real Ingestion service, in the test process, on the shared system's database and broker, listening on a loopback
/// port of our choosing: so it can be stopped and started again at the same address while a producer keeps sending there.
/// </summary>
internal sealed class IngestionOnAPort : IAsyncDisposable
{
    private readonly WebApplicationFactory<TokenOptimizer.Ingestion.IngestionMetrics> _factory;

    private IngestionOnAPort(WebApplicationFactory<TokenOptimizer.Ingestion.IngestionMetrics> factory, Uri url)
    {
        _factory = factory;
        Url = url;
    }

    public Uri Url { get; }

    public IServiceProvider Services => _factory.Services;

    public static IngestionOnAPort Start(SharedSystem system, int port)
    {
        var factory = new WebApplicationFactory<TokenOptimizer.Ingestion.IngestionMetrics>().WithWebHostBuilder(web => web
            .UseSetting("ConnectionStrings:postgres", system.ConnectionString)
            .UseSetting("ConnectionStrings:rabbitmq", system.RabbitMqConnectionString)
            .UseSetting("Access:BootstrapAdminKey", system.AdminKey));
        factory.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        factory.StartServer();
        return new IngestionOnAPort(factory, new Uri($"http://127.0.0.1:{port}"));
    }

    public ValueTask DisposeAsync() => _factory.DisposeAsync();
}
