extern alias aggregation;

using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Marten;
using TokenOptimizer.Testing;
using TokenOptimizer.UsageLog;
using AggregationSchema = aggregation::TokenOptimizer.Aggregation.AggregationSchema;
using ProjectionCatalog = aggregation::TokenOptimizer.Aggregation.RunningProjections.ProjectionCatalog;

namespace TokenOptimizer.Ingestion.IntegrationTests;

/// <summary>
/// The real Aggregation service on Ingestion's database, its daemon off: <see cref="ApplyEverythingAsync"/> runs every
/// read model it registers over the store so far (Marten's catch-up), and fails if any event was dead-lettered, so any
/// event one of them cannot apply fails the test.
/// </summary>
public sealed class AggregationProjections : IAsyncDisposable
{
    private readonly WebApplicationFactory<AggregationSchema> _factory;

    private AggregationProjections(WebApplicationFactory<AggregationSchema> factory) => _factory = factory;

    public static AggregationProjections Start(IngestionHost ingestion)
    {
        var factory = new WebApplicationFactory<AggregationSchema>().WithWebHostBuilder(web => web
            .UseSetting("ConnectionStrings:postgres", ingestion.PostgresConnectionString)
            .UseSetting("ConnectionStrings:rabbitmq", ingestion.RabbitMqConnectionString)
            .UseSetting("Access:BootstrapAdminKey", ingestion.AdminKey)
            .UseSetting("Projections:Enabled", "false")
            // Records of any age are generated: keep every request-log row and event so that totals can be compared.
            .UseSetting("UsageLog:RetentionDays", "36500")
            .UseSetting("UsageRetention:Days", "0"));
        factory.CreateClient().Dispose(); // Starts it: the read models' tables exist from here on.
        return new AggregationProjections(factory);
    }

    /// <summary>The projections' names, for reading their checkpoints.</summary>
    public IReadOnlyList<string> Names => [.. _factory.Services.GetRequiredService<ProjectionCatalog>().Projections.Select(p => p.Name)];

    public async Task ApplyEverythingAsync()
    {
        using var daemon = await _factory.Services.GetRequiredService<IDocumentStore>().BuildProjectionDaemonAsync();
        await daemon.CatchUpAsync(TimeSpan.FromMinutes(2), CancellationToken.None);
        await using var letters = _factory.Services.GetRequiredService<Npgsql.NpgsqlDataSource>().CreateCommand(
            $"SELECT string_agg(data ->> 'exceptionMessage', '; ') FROM {EventStoreTables.DeadLetters}");
        if (await letters.ExecuteScalarAsync() is string failures)
        {
            throw new InvalidOperationException("Events the read models could not apply: " + failures);
        }
    }

    public ValueTask DisposeAsync() => _factory.DisposeAsync();
}
