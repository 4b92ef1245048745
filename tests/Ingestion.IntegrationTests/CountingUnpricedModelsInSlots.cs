using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using TokenOptimizer.Contracts;
using TokenOptimizer.Ingestion.PricingModels;
using Xunit;

namespace TokenOptimizer.Ingestion.IntegrationTests;

/// <summary>
/// The unpriced-models list keeps each model's count in slots, one per writing connection, so group commits do not queue
/// on one row: a list written before the slots keeps its counts, counts from many connections at once add up exactly,
/// and a price that covers some of a model's records takes exactly those off, the model leaving the list when none is left.
/// </summary>
public sealed class CountingUnpricedModelsInSlots(CountingUnpricedModelsInSlots.ListFromBeforeTheSlots host)
    : IClassFixture<CountingUnpricedModelsInSlots.ListFromBeforeTheSlots>
{
    [Fact]
    public async Task AListFromBeforeTheSlots_KeepsItsCounts_AndNewRecordsAddToThem()
    {
        var record = SampleUsage.Gpt4o() with { Provider = "acme", Model = ListFromBeforeTheSlots.OldModel };

        await host.Http.PostAsJsonAsync("/v1/usage", new[] { record });

        var listed = await ListedAsync(ListFromBeforeTheSlots.OldModel);
        Assert.Equal(ListFromBeforeTheSlots.OldRecords + 1, listed.GetProperty("records").GetInt64());
        Assert.Equal(ListFromBeforeTheSlots.OldFirstSeen, listed.GetProperty("firstSeen").GetDateTimeOffset());
    }

    [Fact]
    public async Task CountsFromManyConnectionsAtOnce_AddUp_AndAPriceTakesOffWhatItCovers()
    {
        // Given 40 transactions on 8 connections at once, each counting 25 unpriced records of one model
        var model = "acme-slots-" + Guid.NewGuid().ToString("N")[..6];
        // Whole seconds: PostgreSQL keeps microseconds, .NET ticks of 100 ns (a tick's digit below a microsecond failed one run).
        var now = DateTimeOffset.UtcNow;
        var at = new DateTimeOffset(now.Ticks - now.Ticks % TimeSpan.TicksPerSecond, TimeSpan.Zero).AddMinutes(-5);
        await Parallel.ForEachAsync(Enumerable.Range(0, 40), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
        {
            await using var connection = await host.DataSource.OpenConnectionAsync(ct);
            await using var transaction = await connection.BeginTransactionAsync(ct);
            await UnpricedModels.CountAsync(Enumerable.Repeat(("acme", model, at.AddSeconds(i)), 25), connection, transaction, ct);
            await transaction.CommitAsync(ct);
        });

        // Then the list counts all 1,000, first and last seen over every slot
        var listed = await ListedAsync(model);
        Assert.Equal(1_000, listed.GetProperty("records").GetInt64());
        Assert.Equal((at, at.AddSeconds(39)), (listed.GetProperty("firstSeen").GetDateTimeOffset(), listed.GetProperty("lastSeen").GetDateTimeOffset()));
        Assert.True(await host.ScalarAsync<long>($"SELECT count(*) FROM {UnpricedModelsTable.Name} WHERE model = '{model}'") > 1, "the counts should be spread over slots");

        // When a price covers 400 of them, then the other 600
        var unpriced = host.Services.GetRequiredService<UnpricedModels>();
        await unpriced.ForgetAsync(Enumerable.Repeat(("acme", model), 400), CancellationToken.None);
        Assert.Equal(600, (await ListedAsync(model)).GetProperty("records").GetInt64());
        await unpriced.ForgetAsync(Enumerable.Repeat(("acme", model), 600), CancellationToken.None);

        // Then the model has left the list
        var list = await host.Http.GetFromJsonAsync<JsonElement>("/v1/unpriced-models");
        Assert.DoesNotContain(list.EnumerateArray(), m => m.GetProperty("model").GetString() == model);
    }

    private async Task<JsonElement> ListedAsync(string model)
    {
        var list = await host.Http.GetFromJsonAsync<JsonElement>("/v1/unpriced-models");
        return list.EnumerateArray().Single(m => m.GetProperty("model").GetString() == model);
    }

    /// <summary>Ingestion started on a database whose unpriced-models list an older version wrote: one row per model.</summary>
    public sealed class ListFromBeforeTheSlots : IngestionHost
    {
        public const string OldModel = "acme-before-slots";
        public const long OldRecords = 7;
        public static readonly DateTimeOffset OldFirstSeen = new(2026, 11, 2, 8, 0, 0, TimeSpan.Zero);

        protected override async Task BeforeStartAsync(string connectionString)
        {
            await using var dataSource = NpgsqlDataSource.Create(connectionString);
            await using var command = dataSource.CreateCommand($"""
                CREATE TABLE {UnpricedModelsTable.Name} (
                    provider text NOT NULL, model text NOT NULL, records bigint NOT NULL,
                    first_seen timestamptz NOT NULL, last_seen timestamptz NOT NULL, PRIMARY KEY (provider, model));
                INSERT INTO {UnpricedModelsTable.Name} VALUES ('acme', '{OldModel}', {OldRecords}, '{OldFirstSeen:O}', '{OldFirstSeen.AddDays(1):O}');
                """);
            await command.ExecuteNonQueryAsync();
        }
    }
}
