using System.Net;
using System.Net.Http.Json;
using MassTransit;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using TokenOptimizer.Access;
using TokenOptimizer.Testing;
using TokenOptimizer.Testing.Containers;
using Xunit;

namespace TokenOptimizer.Ingestion.IntegrationTests;

/// <summary>
/// Regression (issue #15): while PostgreSQL was down, <c>POST /v1/usage</c> answered 500. Nothing in the request was
/// wrong: the answer is 503 with <c>Retry-After</c>, and the same request sent once the database is back is stored.
/// </summary>
public sealed class DatabaseDownAnswered500 : IClassFixture<RabbitMqVhostFixture>, IAsyncLifetime
{
    private readonly RabbitMqVhostFixture _broker;
    private readonly string _adminKey = ApiKeys.Generate();
    private OwnServer? _postgres;
    private WebApplicationFactory<Program>? _ingestion;

    public DatabaseDownAnswered500(RabbitMqVhostFixture broker) => _broker = broker;

    public async Task InitializeAsync()
    {
        _postgres = await OwnServer.PostgresAsync();
        _ingestion = new WebApplicationFactory<Program>().WithWebHostBuilder(web => web
            .UseSetting("ConnectionStrings:postgres", _postgres.ConnectionString)
            .UseSetting("ConnectionStrings:rabbitmq", _broker.ConnectionString)
            .UseSetting("Access:BootstrapAdminKey", _adminKey));
        await _ingestion.Services.GetRequiredService<IBusControl>().WaitForHealthStatus(BusHealthStatus.Healthy, TimeSpan.FromSeconds(30));
    }

    public async Task DisposeAsync()
    {
        if (_ingestion is not null)
        {
            await _ingestion.DisposeAsync();
        }

        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }
    }

    [Fact]
    public async Task UsageSentWhileTheDatabaseIsDown_Gets503WithRetryAfter_AndIsStoredWhenSentAgain()
    {
        // Given a producer with an ingest key, and PostgreSQL then going down
        var producer = _ingestion!.CreateClient().WithApiKey(await _ingestion.CreateClient().CreateApiKeyAsync(_adminKey, Role.Ingest));
        var record = SampleUsage.Gpt4o();
        await _postgres!.StopAsync();

        // When it sends a record
        var refused = await producer.PostAsJsonAsync("/v1/usage", record);

        // Then it is told to come back, as a problem, not a 500
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero, "a 503 should say when to retry");
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);

        // And once the database is back, the same request is stored
        await _postgres.StartAsync();
        await Eventually.UntilAsync(async () => (await producer.PostAsJsonAsync("/v1/usage", record)).StatusCode == HttpStatusCode.Accepted,
            TimeSpan.FromSeconds(60), "the record should be accepted once PostgreSQL is back");
    }
}
