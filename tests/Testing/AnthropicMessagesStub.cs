using System.Collections.Concurrent;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace TokenOptimizer.Testing;

/// <summary>
/// A local stand-in for Anthropic's Messages API on a loopback port: answers <c>POST /v1/messages</c> with what
/// <see cref="Respond"/> gives for the requested model, as one message or (<c>"stream": true</c>) as the API's
/// server-sent events, with the usage shape Anthropic reports (prompt in parts, cache writes by lifetime).
/// </summary>
public sealed class AnthropicMessagesStub : IAsyncDisposable
{
    private readonly WebApplication _app;

    private AnthropicMessagesStub(WebApplication app) => _app = app;

    /// <summary>model → reply. <see cref="StubReply.PromptTokens"/> is Anthropic's <c>input_tokens</c>: the uncached part.</summary>
    public Func<string, StubReply> Respond { get; set; } = model => StubReply.Text($"answer from {model}");

    /// <summary>Every request body received, in order.</summary>
    public ConcurrentQueue<JsonNode> Requests { get; } = new();

    /// <summary>The base URL the SDK appends <c>/v1/messages</c> to.</summary>
    public required Uri BaseUrl { get; init; }

    public static async Task<AnthropicMessagesStub> StartAsync()
    {
        AnthropicMessagesStub? stub = null;
        var (app, address) = await LoopbackServer.StartAsync(app => app.MapPost("/v1/messages", (HttpRequest request) => stub!.AnswerAsync(request)));
        stub = new AnthropicMessagesStub(app) { BaseUrl = address };
        return stub;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task<IResult> AnswerAsync(HttpRequest request)
    {
        var body = (await JsonNode.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted))!;
        Requests.Enqueue(body);
        var model = body["model"]!.GetValue<string>();
        var reply = Respond(model);
        if (reply.Status != StatusCodes.Status200OK)
        {
            return Results.Json(new { type = "error", error = new { type = "rate_limit_error", message = "stub failure" } }, statusCode: reply.Status);
        }

        var message = Message(reply, reply.ResponseModel ?? model, streamed: body["stream"]?.GetValue<bool>() == true);
        return body["stream"]?.GetValue<bool>() == true
            ? Results.ServerSentEvents(StreamAsync(reply, message, request.HttpContext.RequestAborted))
            : Results.Json(message);
    }

    private static JsonObject Message(StubReply reply, string model, bool streamed) => new()
    {
        ["id"] = $"msg_{Guid.NewGuid():N}",
        ["type"] = "message",
        ["role"] = "assistant",
        ["model"] = model,
        ["content"] = streamed ? new JsonArray() : new JsonArray(new JsonObject { ["type"] = "text", ["text"] = reply.Content }),
        ["stop_reason"] = streamed ? null : "end_turn",
        ["stop_sequence"] = null,
        ["usage"] = new JsonObject
        {
            ["input_tokens"] = reply.PromptTokens,
            ["cache_read_input_tokens"] = reply.CachedPromptTokens,
            ["cache_creation_input_tokens"] = reply.CacheWriteTokens,
            ["cache_creation"] = new JsonObject
            {
                ["ephemeral_5m_input_tokens"] = reply.CacheWriteTokens - reply.CacheWriteOneHourTokens,
                ["ephemeral_1h_input_tokens"] = reply.CacheWriteOneHourTokens,
            },
            // A stream's message_start counts the output so far; message_delta has the whole.
            ["output_tokens"] = streamed ? 1 : reply.CompletionTokens,
        },
    };

    private static async IAsyncEnumerable<SseItem<string>> StreamAsync(StubReply reply, JsonObject message, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        SseItem<string> Event(string type, object data) => new(JsonSerializer.Serialize(data), type);

        yield return Event("message_start", new JsonObject { ["type"] = "message_start", ["message"] = message });
        yield return Event("content_block_start", new { type = "content_block_start", index = 0, content_block = new { type = "text", text = "" } });
        var words = reply.Content.Split(' ');
        for (var i = 0; i < words.Length; i++)
        {
            var text = i == words.Length - 1 ? words[i] : words[i] + " ";
            yield return Event("content_block_delta", new { type = "content_block_delta", index = 0, delta = new { type = "text_delta", text } });
            if (i == 0 && reply.RestOfStream is { } gate)
            {
                await gate.WaitAsync(cancellationToken);
            }
        }

        yield return Event("content_block_stop", new { type = "content_block_stop", index = 0 });
        yield return Event("message_delta", new
        {
            type = "message_delta",
            delta = new { stop_reason = "end_turn", stop_sequence = (string?)null },
            usage = new { output_tokens = reply.CompletionTokens },
        });
        yield return Event("message_stop", new { type = "message_stop" });
    }
}
