using MassTransit;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using TokenOptimizer.Client;
using TokenOptimizer.Client.MassTransit;
using TokenOptimizer.Contracts;
using TokenOptimizer.SystemTests.Running;
using TokenOptimizer.Testing;
using Xunit;

namespace TokenOptimizer.SystemTests.UsingTheDotnetSdk;

/// <summary>An application with its own MassTransit bus sends its usage as batch messages that Ingestion consumes.</summary>
[Collection(InTurnCollection.Name)]
public sealed class SendingUsageOnTheBus(SharedSystem system)
{
    private const string Feature = "bus-test";

    [Fact]
    public async Task RecordedCalls_ArriveInTheEventLog_ThroughTheBus()
    {
        await using var llm = await ChatCompletionsStub.StartAsync();
        llm.Respond = (model, _) => StubReply.Text($"answer from {model}", promptTokens: 250, completionTokens: 40);

        var services = new ServiceCollection().AddLogging();
        services.AddMassTransit(bus =>
        {
            bus.DisableUsageTelemetry();
            bus.UsingRabbitMq((_, rabbit) => rabbit.Host(new Uri(system.RabbitMqConnectionString)));
        });
        services.AddTokenOptimizerClient(o => o.FlushInterval = TimeSpan.FromMilliseconds(50)).SendUsageThroughBus();
        services.AddChatClient(llm.ChatClient("gpt-4o-mini")).UseTokenOptimizer(o => { o.Feature = Feature; o.Team = "platform"; });
        await using var application = services.BuildServiceProvider();
        var bus = application.GetRequiredService<IBusControl>();
        await bus.StartAsync();

        var chat = application.GetRequiredService<IChatClient>();
        for (var i = 0; i < 5; i++)
        {
            await chat.GetResponseAsync($"question {i}");
        }

        await application.GetRequiredService<UsageRecorder>().FlushAsync();
        await Eventually.UntilAsync(async () => (await StoredUsage.OfFeatureAsync(system.ConnectionString, Feature)).Count == 5, TimeSpan.FromSeconds(60), "the five records arrive through the bus");

        Assert.All(await StoredUsage.OfFeatureAsync(system.ConnectionString, Feature), u => Assert.Equal(("openai", "gpt-4o-mini", "platform", 250L, 40L), (u.Provider, u.Model, u.Team, u.InputTokens, u.OutputTokens)));
        await bus.StopAsync();
    }
}
