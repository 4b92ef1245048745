using FluentValidation;
using MassTransit;
using Npgsql;
using TokenOptimizer.Access;
using TokenOptimizer.Contracts;
using TokenOptimizer.EventStore;
using TokenOptimizer.Ingestion.ErasingUsers;
using TokenOptimizer.Ingestion.PricingModels;
using TokenOptimizer.Ingestion.Quarantining;
using TokenOptimizer.Ingestion.ReceivingTraces;
using TokenOptimizer.Ingestion.RecordingUsage;
using TokenOptimizer.Ingestion.RedeliveringFaultedMessages;
using TokenOptimizer.ServiceDefaults;
using TokenOptimizer.UsageLog;

namespace TokenOptimizer.Ingestion;

public static class IngestionExtensions
{
    public static IHostApplicationBuilder AddIngestion(this IHostApplicationBuilder builder)
    {
        UsageFieldNames.UseWireNamesInMessages();
        UsageJson.RelaxBusDeserialization();
        builder.AddPostgres();
        builder.AddApiKeys();
        // Before the bus: the tables must exist when the first message is consumed.
        builder.Services.AddHostedService<IngestionSchema>();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(sp => new EventLog(sp.GetRequiredService<NpgsqlDataSource>(), new EventTypeRegistry().AddUsageEvents()));
        builder.Services.AddSingleton<IValidator<UsageRecorded>, UsageRecordedValidator>();
        builder.Services.AddSingleton<ModelCatalogHolder>();
        builder.Services.AddOptions<ModelPricingOptions>().BindConfiguration(ModelPricingOptions.Section);
        builder.Services.AddSingleton<ModelPriceLog>();
        // After the schema, before the bus: nothing is priced until the custom prices are loaded.
        builder.Services.AddHostedService<ModelPricesRefresher>();
        builder.Services.AddSingleton<IValidator<SetModelPrice>, SetModelPriceValidator>();
        builder.Services.AddSingleton<AffectedUsageQuery>();
        builder.Services.AddSingleton<Repricer>();
        builder.Services.AddSingleton<ModelPriceSetter>();
        builder.Services.AddSingleton<UsagePricer>();
        builder.Services.AddSingleton<Quarantine>();
        builder.Services.AddSingleton<UserErasure>();
        builder.Services.AddSingleton<UnpricedModels>();
        builder.Services.AddSingleton<IngestionMetrics>();
        builder.Services.AddSingleton<UsageIngestionPipeline>();
        builder.Services.AddSingleton<PoisonIsolation>();
        builder.Services.AddOptions<OtlpOptions>().BindConfiguration(OtlpOptions.Section);
        builder.Services.AddSingleton<GenAiSpanMapper>();
        builder.Services.AddSingleton<SpansToUsage>();

        builder.AddBus(bus =>
        {
            bus.AddConsumer<UsageRecordedConsumer, UsageRecordedConsumerDefinition>();
            bus.AddConsumer<UsageBatchRecordedConsumer, UsageBatchRecordedConsumerDefinition>();
        });
        return builder;
    }

    public static WebApplication MapIngestion(this WebApplication app)
    {
        app.UseApiKeys();
        app.MapApiKeys();
        app.MapRecordUsage();
        app.MapReceiveTraces();
        app.MapQuarantine();
        app.MapFaultedMessages();
        app.MapModelPrices();
        app.MapUserErasure();
        return app;
    }
}
