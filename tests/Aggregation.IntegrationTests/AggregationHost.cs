using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using TokenOptimizer.Access;
using Marten;
using TokenOptimizer.Testing;
using Xunit;

namespace TokenOptimizer.Aggregation.IntegrationTests;

/// <summary>
/// The real Aggregation service in process, on its own database and virtual host: one per test class. It runs with a
/// bootstrap admin key (<see cref="AdminKey"/>), which <see cref="Http"/> sends unless a request carries its own;
/// <see cref="Client"/> sends another key, or none.
/// </summary>
public class AggregationHost : IAsyncLifetime
{
    private readonly IntegrationInfrastructureFixture _infrastructure = new();
    private WebApplicationFactory<Program>? _factory;

    public string AdminKey { get; } = ApiKeys.Generate();

    public HttpClient Http { get; private set; } = null!;

    public IServiceProvider Services => _factory!.Services;

    public NpgsqlDataSource DataSource => Services.GetRequiredService<NpgsqlDataSource>();

    public IDocumentStore Store => Services.GetRequiredService<IDocumentStore>();

    public IBus Bus => Services.GetRequiredService<IBus>();

    public async Task InitializeAsync()
    {
        await _infrastructure.InitializeAsync();
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web => web
            .UseSetting("ConnectionStrings:postgres", _infrastructure.Postgres.ConnectionString)
            .UseSetting("ConnectionStrings:rabbitmq", _infrastructure.RabbitMq.ConnectionString)
            .UseSetting("Projections:MetricsInterval", "00:00:00.200")
            .UseSetting("ProviderHealth:MinimumRequests", "10")
            .UseSetting("ProviderHealth:HalfOpenProbes", "5")
            .UseSetting("Webhooks:Timeout", "00:00:01")
            .UseSetting("Webhooks:FirstRetryDelay", "00:00:00.100")
            .UseSetting("Webhooks:MaxAttempts", "3")
            .UseSetting("Webhooks:PollInterval", "00:00:00.100")
            .UseSetting("Access:BootstrapAdminKey", AdminKey)
            .ConfigureAppConfiguration((_, configuration) => configuration.AddInMemoryCollection(
                AllowedWebhookHosts.Select((host, i) => KeyValuePair.Create($"Webhooks:AllowedHosts:{i}", (string?)host)).Concat(Settings))));
        Http = Client(AdminKey);
        await Services.GetRequiredService<IBusControl>().WaitForHealthStatus(BusHealthStatus.Healthy, TimeSpan.FromSeconds(30));
    }

    /// <summary><c>Webhooks:AllowedHosts</c>: the loopback address the tests' webhook receivers listen on, unless a subclass says otherwise.</summary>
    protected virtual IReadOnlyList<string> AllowedWebhookHosts { get; } = ["127.0.0.1"];

    /// <summary>More configuration a subclass needs (an SMTP relay, say).</summary>
    protected virtual IEnumerable<KeyValuePair<string, string?>> Settings => [];

    public virtual async Task DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        await _infrastructure.DisposeAsync();
    }

    /// <summary>A client that sends <paramref name="key"/> with every request, or no key when it is null.</summary>
    public HttpClient Client(string? key) => _factory!.CreateClient().WithApiKey(key);

    /// <summary>A new key, created as an operator would: <c>POST /v1/admin/api-keys</c> with the admin key.</summary>
    public Task<string> CreateKeyAsync(Role role, string? team = null) => Client(null).CreateApiKeyAsync(AdminKey, role, team);

    public async Task<T> ScalarAsync<T>(string sql, params object[] parameters)
    {
        await using var command = DataSource.CreateCommand(sql);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        return (T)(await command.ExecuteScalarAsync())!;
    }

    public Task WaitUntilAsync(Func<Task<bool>> condition, string because) =>
        Eventually.UntilAsync(condition, TimeSpan.FromSeconds(30), because);
}
