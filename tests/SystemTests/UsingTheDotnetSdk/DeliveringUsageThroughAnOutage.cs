using System.ClientModel;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using TokenOptimizer.Access;
using TokenOptimizer.Client;
using TokenOptimizer.Contracts;
using TokenOptimizer.Provisioning;
using TokenOptimizer.SystemTests.Running;
using TokenOptimizer.Testing;
using Xunit;

namespace TokenOptimizer.SystemTests.UsingTheDotnetSdk;

/// <summary>
/// An application using the SDK keeps making LLM calls while Ingestion is down; once Ingestion is back, every call's
/// record arrives in the event log.
/// </summary>
[Collection(InTurnCollection.Name)]
public sealed class DeliveringUsageThroughAnOutage(SharedSystem system) : IAsyncLifetime
{
    private const string Feature = "outage-test";
    private const int Calls = 20;
    private const string FailingPrompt = "please fail";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private readonly int _port = FreePorts.Take(1)[0];
    private ChatCompletionsStub _llm = null!;

    public async Task InitializeAsync()
    {
        _llm = await ChatCompletionsStub.StartAsync();
        _llm.Respond = (model, prompt) => prompt == FailingPrompt
            ? StubReply.Error(400)
            : StubReply.Text($"answer from {model}", promptTokens: PromptTokensOf(prompt), completionTokens: 7);
    }

    public async Task DisposeAsync() => await _llm.DisposeAsync();

    [Fact]
    public async Task CallsMadeWhileIngestionIsDown_Succeed_AndTheirRecordsArriveOnceItIsBack()
    {
        // Given an ingest key from Ingestion, which then goes down
        string ingestKey;
        await using (var first = IngestionOnAPort.Start(system, _port))
        {
            using var http = new HttpClient { BaseAddress = first.Url };
            ingestKey = await http.CreateApiKeyAsync(system.AdminKey, Role.Ingest);
        }

        await using var application = Application(ingestKey);
        var chat = application.GetRequiredService<IChatClient>();
        var recorder = application.GetRequiredService<UsageRecorder>();

        // When the application makes its calls with nowhere to send their usage
        var prompts = Enumerable.Range(1, Calls).Select(i => $"question {i}").ToList();
        foreach (var prompt in prompts)
        {
            var response = await chat.GetResponseAsync(prompt);
            Assert.Equal("answer from gpt-4o", response.Text);
        }

        await Assert.ThrowsAsync<ClientResultException>(() => chat.GetResponseAsync(FailingPrompt));
        Assert.Equal(Calls + 1, recorder.Recorded);
        await Eventually.UntilAsync(() => recorder.Pending == Calls + 1 && recorder.Delivered == 0, Patience, "every record waits for Ingestion");

        // Then once Ingestion is back at the same address, every record is stored
        await using var second = IngestionOnAPort.Start(system, _port);
        await Eventually.UntilAsync(async () => (await StoredUsage.OfFeatureAsync(system.ConnectionString, Feature)).Count == Calls + 1, Patience, "every call's record reaches the event log");

        var stored = await StoredUsage.OfFeatureAsync(system.ConnectionString, Feature);
        var succeeded = stored.Where(u => u.Outcome == Outcomes.Succeeded).ToList();
        Assert.Equal(Enumerable.Range(1, Calls).Select(i => 100L + i), succeeded.Select(u => u.InputTokens).Order());
        Assert.All(succeeded, u => Assert.Equal(("openai", "gpt-4o", 7L), (u.Provider, u.Model, u.OutputTokens)));
        var failed = Assert.Single(stored, u => u.Outcome == Outcomes.Failed);
        Assert.Equal((ErrorTypes.InvalidRequest, "400"), (failed.ErrorType, failed.ErrorCode));
        Assert.Equal((Calls + 1L, 0L, 0L), (recorder.Delivered, recorder.Dropped, recorder.Pending));
    }

    [Fact]
    public async Task UsageSentWithAKeyIngestionRefuses_IsCountedAsRefused_AndTheCallStillSucceeds()
    {
        await using var ingestion = IngestionOnAPort.Start(system, _port);
        await using var application = Application(ingestKey: "tok_not-a-key");
        var chat = application.GetRequiredService<IChatClient>();
        var recorder = application.GetRequiredService<UsageRecorder>();

        var response = await chat.GetResponseAsync("question 1");

        Assert.Equal("answer from gpt-4o", response.Text);
        await recorder.FlushAsync();
        Assert.Equal((1L, 0L, 0L), (recorder.Refused, recorder.Delivered, recorder.Pending));
    }

    [Fact]
    public async Task RecordIngestionFindsInvalid_IsCountedAsRejected_AndTheOthersAreStored()
    {
        await using var ingestion = IngestionOnAPort.Start(system, _port);
        using var http = new HttpClient { BaseAddress = ingestion.Url };
        await using var application = Application(await http.CreateApiKeyAsync(system.AdminKey, Role.Ingest));
        var recorder = application.GetRequiredService<UsageRecorder>();
        var valid = UsageRecords.Succeeded("openai", "gpt-4o", new TokenCounts(100, 10), DateTimeOffset.UtcNow, TimeSpan.FromMilliseconds(5), new CallAttribution { Feature = "rejection-test" });
        var invalid = valid with { RequestId = Guid.NewGuid().ToString("N"), CachedInputTokens = 500 };

        recorder.Record(valid);
        recorder.Record(invalid);
        await recorder.FlushAsync();

        Assert.Equal((1L, 1L, 0L), (recorder.Delivered, recorder.Rejected, recorder.Pending));
        Assert.Equal([valid.RequestId], (await StoredUsage.OfFeatureAsync(system.ConnectionString, "rejection-test")).Select(u => u.RequestId));
    }

    // Distinct per call ("question 7" → 107), so the stored records can be matched to the calls made.
    private static int PromptTokensOf(string prompt) => 100 + int.Parse(prompt.Split(' ')[^1], System.Globalization.CultureInfo.InvariantCulture);

    private ServiceProvider Application(string ingestKey)
    {
        var services = new ServiceCollection();
        services.AddTokenOptimizerClient(o =>
        {
            o.IngestionUrl = new Uri($"http://127.0.0.1:{_port}");
            o.ApiKey = ingestKey;
            o.FlushInterval = TimeSpan.FromMilliseconds(50);
            o.FirstRetryDelay = TimeSpan.FromMilliseconds(50);
            o.MaxRetryDelay = TimeSpan.FromMilliseconds(500);
        });
        services.AddChatClient(_llm.ChatClient("gpt-4o"))
            .UseTokenOptimizer(o => o.Feature = Feature);
        return services.BuildServiceProvider();
    }
}
