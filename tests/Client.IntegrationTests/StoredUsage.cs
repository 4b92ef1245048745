using System.ClientModel;
using Microsoft.Extensions.AI;
using Npgsql;
using OpenAI;
using TokenOptimizer.Contracts;
using TokenOptimizer.EventStore;
using TokenOptimizer.Testing;
using TokenOptimizer.UsageLog;

namespace TokenOptimizer.Client.IntegrationTests;

/// <summary>What both sides of these tests look at: the LLM the application calls, and what Ingestion stored.</summary>
internal static class StoredUsage
{
    /// <summary>The records of one feature that Ingestion appended to the event log in the given database.</summary>
    public static async Task<List<UsageRecorded>> OfFeatureAsync(string connectionString, string feature)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var log = new EventLog(dataSource, new EventTypeRegistry().AddUsageEvents());
        return (await log.ReadAllAsync(0, 10_000)).Select(e => e.Data).OfType<UsageIngested>().Select(e => e.Usage).Where(u => u.Feature == feature).ToList();
    }

    /// <summary>The official OpenAI client, as an <see cref="IChatClient"/>, pointed at the stub.</summary>
    public static IChatClient ChatClient(this ChatCompletionsStub llm, string model) =>
        new OpenAIClient(new ApiKeyCredential("stub-key"), new OpenAIClientOptions { Endpoint = llm.BaseUrl }).GetChatClient(model).AsIChatClient();
}
