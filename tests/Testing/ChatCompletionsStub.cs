using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace TokenOptimizer.Testing;

/// <summary>
/// A local OpenAI-compatible chat-completions server on a loopback port: answers
/// <c>POST /v1/chat/completions</c> and <c>POST /chat/completions</c> with what <see cref="Respond"/>
/// gives for the requested model and the last message. A <c>"stream": true</c> request gets server-sent chunks, with
/// the usage in a last chunk only when it asks for it (<c>stream_options.include_usage</c>), as OpenAI does.
/// </summary>
public sealed class ChatCompletionsStub : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly CancellationTokenSource _stopping = new();

    private ChatCompletionsStub(WebApplication app) => _app = app;

    /// <summary>(model, last message text) → reply. Defaults to echoing the model name.</summary>
    public Func<string, string, StubReply> Respond { get; set; } = (model, _) => StubReply.Text($"answer from {model}");

    /// <summary>Every request body received, in order.</summary>
    public ConcurrentQueue<JsonNode> Requests { get; } = new();

    /// <summary>The <c>Authorization</c> header of the latest request.</summary>
    public string? LastAuthorization { get; private set; }

    /// <summary>The base URL a client appends <c>/chat/completions</c> to: <c>http://127.0.0.1:port/v1</c>.</summary>
    public required Uri BaseUrl { get; init; }

    public static async Task<ChatCompletionsStub> StartAsync()
    {
        ChatCompletionsStub? stub = null;
        var (app, address) = await LoopbackServer.StartAsync(app =>
        {
            app.MapPost("/v1/chat/completions", (HttpRequest request) => stub!.AnswerAsync(request));
            app.MapPost("/chat/completions", (HttpRequest request) => stub!.AnswerAsync(request));
        });
        stub = new ChatCompletionsStub(app) { BaseUrl = new Uri($"{address.ToString().TrimEnd('/')}/v1") };
        return stub;
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _app.DisposeAsync();
        _stopping.Dispose();
    }

    private async Task<IResult> AnswerAsync(HttpRequest request)
    {
        var body = (await JsonNode.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted))!;
        LastAuthorization = request.Headers.Authorization.ToString();
        Requests.Enqueue(body);
        var model = body["model"]!.GetValue<string>();
        var reply = Respond(model, TextOf(body["messages"]!.AsArray().Last()!["content"]));

        if (reply.Hangs)
        {
            using var held = CancellationTokenSource.CreateLinkedTokenSource(request.HttpContext.RequestAborted, _stopping.Token);
            try
            {
                await Task.Delay(Timeout.Infinite, held.Token);
            }
            catch (OperationCanceledException)
            {
                // The client gave up, or the stub is stopping: either way there is no one to answer.
            }

            return Results.Empty;
        }

        if (reply.Status != StatusCodes.Status200OK)
        {
            return Results.Json(new { error = new { message = "stub failure", type = "server_error" } }, statusCode: reply.Status);
        }

        if (body["stream"]?.GetValue<bool>() == true)
        {
            var includeUsage = body["stream_options"]?["include_usage"]?.GetValue<bool>() == true;
            return Results.ServerSentEvents(StreamAsync(reply, reply.ResponseModel ?? model, includeUsage, request.HttpContext.RequestAborted));
        }

        return Results.Json(new
        {
            id = $"chatcmpl-{Guid.NewGuid():N}",
            @object = "chat.completion",
            created = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            model = reply.ResponseModel ?? model,
            choices = new[]
            {
                new { index = 0, message = new { role = "assistant", content = reply.Content }, finish_reason = "stop" },
            },
            usage = UsageOf(reply),
        });
    }

    private static async IAsyncEnumerable<string> StreamAsync(
        StubReply reply, string model, bool includeUsage, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var id = $"chatcmpl-{Guid.NewGuid():N}";
        var created = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        string Chunk(object[] choices, object? usage = null) =>
            JsonSerializer.Serialize(new { id, @object = "chat.completion.chunk", created, model, choices, usage });

        var words = reply.Content.Split(' ');
        for (var i = 0; i < words.Length; i++)
        {
            var text = i == words.Length - 1 ? words[i] : words[i] + " ";
            yield return Chunk([new { index = 0, delta = new { role = "assistant", content = text }, finish_reason = (string?)null }]);
            if (i == 0 && reply.RestOfStream is { } gate)
            {
                await gate.WaitAsync(cancellationToken);
            }
        }

        yield return Chunk([new { index = 0, delta = new { }, finish_reason = "stop" }]);
        if (includeUsage)
        {
            yield return Chunk([], UsageOf(reply));
        }

        yield return "[DONE]";
    }

    private static object UsageOf(StubReply reply) => new
    {
        prompt_tokens = reply.PromptTokens,
        completion_tokens = reply.CompletionTokens,
        total_tokens = reply.PromptTokens + reply.CompletionTokens,
        prompt_tokens_details = new { cached_tokens = reply.CachedPromptTokens },
    };

    // A message's content is a string or an array of parts; only text parts matter here.
    private static string TextOf(JsonNode? content) => content switch
    {
        JsonValue value => value.GetValue<string>(),
        JsonArray parts => string.Concat(parts.Select(p => p?["text"]?.GetValue<string>() ?? "")),
        _ => "",
    };
}
