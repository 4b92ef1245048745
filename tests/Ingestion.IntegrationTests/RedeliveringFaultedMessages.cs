using System.Net.Http.Json;
using MassTransit;
using TokenOptimizer.Ingestion.RedeliveringFaultedMessages;
using Xunit;

namespace TokenOptimizer.Ingestion.IntegrationTests;

public sealed class RedeliveringFaultedMessages(IngestionHost host) : IClassFixture<IngestionHost>
{
    [Fact]
    public async Task MessageParkedInTheErrorQueue_IsCountedShownDegradedAndMovedBackOnce()
    {
        // Given a record parked in usage-recorded_error, as a fault that has since been fixed left it
        var record = SampleUsage.Gpt4o();
        var errorQueue = await host.Bus.GetSendEndpoint(new Uri("queue:usage-recorded_error"));
        await errorQueue.Send(record);

        // Then it is counted, and /health says Degraded
        await host.WaitUntilAsync(async () => (await FaultedAsync("/v1/admin/faulted-messages", HttpMethod.Get)).Total == 1, "the parked message should be counted");
        var waiting = await FaultedAsync("/v1/admin/faulted-messages", HttpMethod.Get);
        Assert.Contains(waiting.Queues, q => q is { Endpoint: "usage-recorded", ErrorQueue: "usage-recorded_error", Messages: 1 });
        Assert.Equal("Degraded", await host.Client(null).GetStringAsync("/health"));

        // When an admin moves the faulted messages back
        var moved = await FaultedAsync("/v1/admin/faulted-messages/redeliver", HttpMethod.Post);

        // Then it was moved once, is stored once, and nothing is left: /health is Healthy again, and a second move moves nothing
        Assert.Equal(1, moved.Total);
        await host.WaitUntilAsync(async () => await host.CountStreamEventsAsync(record) == 1, "the moved message should be stored");
        Assert.Equal(0, (await FaultedAsync("/v1/admin/faulted-messages", HttpMethod.Get)).Total);
        Assert.Equal("Healthy", await host.Client(null).GetStringAsync("/health"));
        Assert.Equal(0, (await FaultedAsync("/v1/admin/faulted-messages/redeliver", HttpMethod.Post)).Total);
        Assert.Equal(1, await host.CountStreamEventsAsync(record));
    }

    [Fact]
    public async Task FaultedMessages_AreForAdminKeysOnly()
    {
        var read = await host.CreateKeyAsync(Access.Role.Read);

        using var listing = await host.Client(read).GetAsync(new Uri("/v1/admin/faulted-messages", UriKind.Relative));
        using var move = await host.Client(read).PostAsync(new Uri("/v1/admin/faulted-messages/redeliver", UriKind.Relative), null);

        Assert.Equal(System.Net.HttpStatusCode.Forbidden, listing.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, move.StatusCode);
    }

    private async Task<FaultedMessages> FaultedAsync(string path, HttpMethod method)
    {
        using var response = await host.Http.SendAsync(new HttpRequestMessage(method, new Uri(path, UriKind.Relative)));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<FaultedMessages>())!;
    }
}
