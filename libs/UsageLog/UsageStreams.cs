using TokenOptimizer.EventStore;

namespace TokenOptimizer.UsageLog;

/// <summary>Where usage events live in the log and under which stored names.</summary>
public static class UsageStreams
{
    /// <summary>The one stream of <see cref="ModelPriceSet"/> events, appended at its expected version so concurrent admins conflict.</summary>
    public const string ModelPrices = "model-prices";

    /// <summary>Each call is its own stream, so its request id is the idempotency key of the append.</summary>
    public static string For(string requestId) => "usage-" + requestId;

    /// <summary>Registers the usage events' stable aliases and their generated serialisers.</summary>
    public static EventTypeRegistry AddUsageEvents(this EventTypeRegistry registry)
    {
        if (!registry.SerializerOptions.TypeInfoResolverChain.Contains(UsageLogJsonContext.Default))
        {
            registry.SerializerOptions.TypeInfoResolverChain.Insert(0, UsageLogJsonContext.Default);
        }

        return registry
            .Register<UsageIngested>("usage_ingested")
            .Register<UsageRepriced>("usage_repriced")
            .Register<ModelPriceSet>("model_price_set");
    }
}
