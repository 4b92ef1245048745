using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using TokenOptimizer.Contracts;
using TokenOptimizer.Testing;
using TokenOptimizer.UsageLog;
using Xunit;

namespace TokenOptimizer.Ingestion.IntegrationTests;

/// <summary>
/// Ingestion writes in group commits (several writers per instance, COPY after a look-up of the ids already stored,
/// sessions when a COPY collides). However many writers and instances race for the same request ids, each call is
/// stored once, answered as accepted once, and counted as unpriced once.
/// </summary>
public sealed class CommittingInGroups(IngestionHost host) : IClassFixture<IngestionHost>
{
    [Fact]
    public async Task SameRecordsSentAtOnceToTwoInstances_AreEachStoredAndAcceptedOnce()
    {
        // Given a second Ingestion instance on the same database and broker, and 1,200 calls (one in ten of a model no
        // catalog prices), each sent four times at once: twice to each instance, in differently cut batches
        await using var second = new WebApplicationFactory<Program>().WithWebHostBuilder(web => web
            .UseSetting("ConnectionStrings:postgres", host.PostgresConnectionString)
            .UseSetting("ConnectionStrings:rabbitmq", host.RabbitMqConnectionString)
            .UseSetting("Access:BootstrapAdminKey", host.AdminKey));
        var key = await host.CreateKeyAsync(Access.Role.Ingest);
        var clients = new[] { host.Client(key), second.CreateClient().WithApiKey(key) };
        var prefix = "group-" + Guid.NewGuid().ToString("N")[..8];
        var unpricedModel = "acme-group-" + Guid.NewGuid().ToString("N")[..6];
        var calls = Enumerable.Range(0, 1_200).Select(i => SampleUsage.Gpt4o($"{prefix}-{i:D4}") with
        {
            Provider = i % 10 == 0 ? "acme" : "openai", Model = i % 10 == 0 ? unpricedModel : "gpt-4o",
        }).ToList();
        var sends = new List<Task<(int Accepted, int Duplicates, int Unpriced)>>();
        foreach (var (client, batchSize, offset) in new[] { (clients[0], 100, 0), (clients[1], 100, 0), (clients[0], 70, 35), (clients[1], 130, 65) })
        {
            var rotated = calls.Skip(offset).Concat(calls.Take(offset)).ToList();
            sends.AddRange(rotated.Chunk(batchSize).Select(batch => SendAsync(client, batch)));
        }

        // When every request has been answered
        var answers = await Task.WhenAll(sends);

        // Then each call was accepted by exactly one request, every other send of it was a duplicate, and its one
        // unpriced count was given once
        Assert.Equal(calls.Count, answers.Sum(a => a.Accepted));
        Assert.Equal(3 * calls.Count, answers.Sum(a => a.Duplicates));
        Assert.Equal(calls.Count / 10, answers.Sum(a => a.Unpriced));

        // And the store holds one stream of one event per call, and the unpriced-models list counts each unpriced call once
        Assert.Equal(calls.Count, await host.ScalarAsync<long>($"SELECT count(*) FROM {EventStoreTables.Streams} WHERE id LIKE '%{prefix}-%' AND version = 1"));
        Assert.Equal(0L, await host.ScalarAsync<long>($"SELECT count(*) FROM {EventStoreTables.Streams} WHERE id LIKE '%{prefix}-%' AND version <> 1"));
        Assert.Equal(calls.Count, await host.ScalarAsync<long>(
            $"SELECT count(*) FROM {EventStoreTables.Events} WHERE type = 'usage_ingested' AND data -> 'usage' ->> 'requestId' LIKE '{prefix}-%'"));
        var listed = await host.Http.GetFromJsonAsync<JsonElement>("/v1/unpriced-models");
        Assert.Equal(calls.Count / 10, listed.EnumerateArray().Single(m => m.GetProperty("model").GetString() == unpricedModel).GetProperty("records").GetInt64());
    }

    [Fact]
    public async Task OneBatchSentByManyProducersAtOnce_IsStoredOnce_WhateverWriterTookEachCopy()
    {
        // Given one batch of 500 calls, sent by eight producers at the same moment to one instance (four writers)
        var prefix = "writers-" + Guid.NewGuid().ToString("N")[..8];
        var batch = Enumerable.Range(0, 500).Select(i => SampleUsage.Gpt4o($"{prefix}-{i:D3}")).ToArray();

        // When every copy has been answered
        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => SendAsync(host.Http, batch)));

        // Then the calls were accepted once in all, and stored once
        Assert.Equal(batch.Length, answers.Sum(a => a.Accepted));
        Assert.Equal(7 * batch.Length, answers.Sum(a => a.Duplicates));
        Assert.Equal(batch.Length, await host.ScalarAsync<long>($"SELECT count(*) FROM {EventStoreTables.Streams} WHERE id LIKE '%{prefix}-%' AND version = 1"));
        Assert.Equal(batch.Length, await host.ScalarAsync<long>(
            $"SELECT count(*) FROM {EventStoreTables.Events} WHERE type = 'usage_ingested' AND data -> 'usage' ->> 'requestId' LIKE '{prefix}-%'"));
    }

    private static async Task<(int Accepted, int Duplicates, int Unpriced)> SendAsync(HttpClient client, UsageRecorded[] batch)
    {
        using var response = await client.PostAsJsonAsync("/v1/usage", batch);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (body.GetProperty("accepted").GetInt32(), body.GetProperty("duplicates").GetInt32(), body.GetProperty("unpriced").GetInt32());
    }
}
