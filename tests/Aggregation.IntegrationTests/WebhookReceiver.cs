using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using TokenOptimizer.Testing;

namespace TokenOptimizer.Aggregation.IntegrationTests;

/// <summary>A local HTTP listener standing in for Slack: records every body; answers with the given status.</summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;

    private WebhookReceiver(WebApplication app) => _app = app;

    public ConcurrentQueue<(string Path, string Body)> Calls { get; } = new();

    public required Uri BaseUrl { get; init; }

    public static async Task<WebhookReceiver> StartAsync()
    {
        WebhookReceiver? receiver = null;
        var (app, address) = await LoopbackServer.StartAsync(app => app.MapPost("/{status:int}", async (int status, HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            receiver!.Calls.Enqueue((request.Path, await reader.ReadToEndAsync()));
            return Results.StatusCode(status);
        }));
        receiver = new WebhookReceiver(app) { BaseUrl = address };
        return receiver;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
