using FluentValidation;
using MassTransit;
using TokenOptimizer.Access;
using TokenOptimizer.Contracts;
using TokenOptimizer.Ingestion.CommittingUsage;
using TokenOptimizer.Ingestion.ErasingUsers;
using TokenOptimizer.Ingestion.ImportingCatalogs;
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
        // Every group commit first looks its ids up in mt_streams (id = ANY of ~1,000). On a table that grew since its last
        // ANALYZE, the default costs (random_page_cost 4, parallel plans) chose a parallel sequential scan per look-up: 85% of
        // the database's samples in bench/IngestThroughput's bus batch path. Index-friendly costs (storage here is SSD) and no
        // parallel workers: bus batches 25.4k -> 35.6k records/s, HTTP batches 37.5k -> 42.5k (then 32.9k and 40.5k in a re-run).
        builder.AddPostgres(connection => connection.Options = $"{connection.Options} -c random_page_cost=1.1 -c max_parallel_workers_per_gather=0".Trim());
        builder.AddApiKeys();
        // Before the bus: the tables must exist when the first message is consumed.
        builder.Services.AddHostedService<IngestionSchema>();
        builder.Services.AddSingleton(TimeProvider.System);
        // Ingestion appends usage, prices and erasures; it runs no projection, so no daemon here.
        builder.AddEventStore((options, _) => UsageEventStore.Configure(options));
        builder.Services.AddSingleton<IValidator<UsageRecorded>, UsageRecordedValidator>();
        builder.Services.AddSingleton<ModelCatalogHolder>();
        builder.Services.AddOptions<ModelPricingOptions>().BindConfiguration(ModelPricingOptions.Section);
        builder.Services.AddSingleton<ModelPriceLog>();
        // After the schema, before the bus: nothing is priced until the custom prices are loaded.
        builder.Services.AddHostedService<ModelPricesRefresher>();
        builder.Services.AddSingleton<IValidator<SetModelPrice>, SetModelPriceValidator>();
        builder.Services.AddSingleton<IValidator<SetModelAlias>, SetModelAliasValidator>();
        builder.Services.AddSingleton<AffectedUsageQuery>();
        builder.Services.AddSingleton<Repricer>();
        builder.Services.AddSingleton<ModelPriceSetter>();
        builder.Services.AddSingleton<IValidator<ImportCatalog>, ImportCatalogValidator>();
        builder.Services.AddSingleton<CatalogImporter>();
        builder.Services.AddSingleton<UsagePricer>();
        builder.Services.AddSingleton<Quarantine>();
        builder.Services.AddSingleton<UserErasure>();
        builder.Services.AddSingleton<UnpricedModels>();
        builder.Services.AddSingleton<IngestionMetrics>();
        builder.Services.AddOptions<GroupCommitOptions>().BindConfiguration(GroupCommitOptions.Section)
            .Validate(o => o.Writers is >= 1 and <= 4 && o.MaxRecords > 0 && o.MaxDelay >= TimeSpan.Zero, "Ingestion:GroupCommit needs 1–4 Writers, a positive MaxRecords and a MaxDelay of 0 or more")
            .ValidateOnStart();
        builder.Services.AddSingleton<UsageAppender>();
        builder.Services.AddSingleton<UsageGroupCommit>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<UsageGroupCommit>());
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
        app.MapModelAliases();
        app.MapCatalogImports();
        app.MapUserErasure();
        return app;
    }
}
