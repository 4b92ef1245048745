using System.ClientModel;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenAI;
using TokenOptimizer.ChatWithUsage;
using TokenOptimizer.Client;

// A console app that asks an LLM a few questions through Microsoft.Extensions.AI, with TokenOptimizer recording the
// usage of every call and sending it to Ingestion in the background. Questions come from the command line.
// appsettings.json is read from beside the program, wherever it is started from.
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });
var settings = builder.Configuration.GetSection("TokenOptimizer");
var llm = builder.Configuration.GetSection("Llm");

WebApplication? standIn = null;
var llmUrl = llm["BaseUrl"] is { Length: > 0 } configured ? new Uri(configured) : null;
if (llmUrl is null)
{
    (standIn, llmUrl) = await LocalChatServer.StartAsync();
    Console.WriteLine($"No Llm:BaseUrl configured: using a local stand-in LLM at {llmUrl}");
}

builder.Services.AddTokenOptimizerClient(options => settings.Bind(options));
var openAi = new OpenAIClient(new ApiKeyCredential(llm["ApiKey"] ?? "none"), new OpenAIClientOptions { Endpoint = llmUrl });
builder.Services.AddChatClient(openAi.GetChatClient(llm["Model"] ?? "gpt-4o-mini").AsIChatClient())
    .UseTokenOptimizer(attribution => settings.Bind(attribution));

using var host = builder.Build();
await host.StartAsync();
var chat = host.Services.GetRequiredService<IChatClient>();
string[] questions = args.Length > 0 ? args : ["What is a token?", "Why does prompt caching save money?", "Name three uses of an LLM."];
foreach (var question in questions)
{
    var response = await chat.GetResponseAsync(question);
    Console.WriteLine($"> {question}\n{response.Text}\n  ({response.Usage?.InputTokenCount} tokens in, {response.Usage?.OutputTokenCount} out)");
}

// Stopping the host sends what is still buffered (within TokenOptimizer:ShutdownTimeout).
await host.StopAsync();
var recorder = host.Services.GetRequiredService<UsageRecorder>();
Console.WriteLine($"Usage records: {recorder.Recorded} recorded, {recorder.Delivered} delivered, {recorder.Rejected} rejected, {recorder.Refused} refused, {recorder.Dropped + recorder.Unsent} lost.");
if (standIn is not null)
{
    await standIn.DisposeAsync();
}

return recorder.Delivered == recorder.Recorded ? 0 : 1;
