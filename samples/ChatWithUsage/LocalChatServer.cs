using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using System.Text.Json.Nodes;

namespace TokenOptimizer.ChatWithUsage;

/// <summary>
/// A stand-in for an OpenAI-compatible API on a free loopback port, so the sample runs without an account: it
/// answers every chat completion with a canned reply and usage of about one token per four characters.
/// </summary>
internal static class LocalChatServer
{
    public static async Task<(WebApplication Server, Uri BaseUrl)> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var server = builder.Build();
        server.MapPost("/v1/chat/completions", async (HttpRequest request) =>
        {
            var body = (await JsonNode.ParseAsync(request.Body))!;
            var prompt = string.Concat(body["messages"]!.AsArray().Select(m => m?["content"]?.ToString()));
            var reply = $"(local stand-in) You asked {prompt.Length} characters' worth.";
            return Results.Json(new
            {
                id = "chatcmpl-" + Guid.NewGuid().ToString("N"),
                @object = "chat.completion",
                created = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
                model = body["model"]!.ToString(),
                choices = new[] { new { index = 0, message = new { role = "assistant", content = reply }, finish_reason = "stop" } },
                usage = new { prompt_tokens = 1 + prompt.Length / 4, completion_tokens = 1 + reply.Length / 4, total_tokens = 2 + (prompt.Length + reply.Length) / 4 },
            });
        });
        await server.StartAsync();
        var address = server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return (server, new Uri(address.TrimEnd('/') + "/v1"));
    }
}
