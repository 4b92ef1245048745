using FluentValidation;
using Microsoft.Extensions.Options;
using JasperFx.Events.Daemon;
using TokenOptimizer.Access;
using TokenOptimizer.Aggregation.DefiningAlertRules;
using TokenOptimizer.Aggregation.DefiningBudget;
using TokenOptimizer.Aggregation.DefiningChannels;
using TokenOptimizer.Aggregation.DeliveringNotifications;
using TokenOptimizer.Aggregation.EvaluatingAlertRules;
using TokenOptimizer.Aggregation.DeliveringWebhooks;
using TokenOptimizer.Aggregation.DetectingAnomalies;
using TokenOptimizer.Aggregation.LoggingRequests;
using TokenOptimizer.Aggregation.MeasuringSlos;
using TokenOptimizer.Aggregation.PublishingAlerts;
using TokenOptimizer.Aggregation.RetainingUsage;
using TokenOptimizer.Aggregation.RollingUpUsage;
using TokenOptimizer.Aggregation.RunningProjections;
using TokenOptimizer.Aggregation.RunningTheCluster;
using TokenOptimizer.Aggregation.TrackingBudgetSpend;
using TokenOptimizer.Aggregation.TrackingProviderHealth;
using TokenOptimizer.ReadModels;
using TokenOptimizer.ServiceDefaults;

namespace TokenOptimizer.Aggregation;

public static class AggregationExtensions
{
    public static IHostApplicationBuilder AddAggregation(this IHostApplicationBuilder builder)
    {
        // Every page runs the same few dozen statements (each read model's upserts, Marten's page load and progress):
        // prepared once per connection, they skip parsing and planning. With the rollups' one fold per page
        // (UsageRollupProjection) a 1M-event catch-up went from 46.6 to 40.3 s and append → visible p50 from 79 to 41 ms
        // (bench/ProjectionThroughput, back to back on an idle machine).
        builder.AddPostgres(connection => connection.MaxAutoPrepare = 64);
        builder.AddReadsNeedReadWritesNeedAdmin();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddOptions<ProjectionOptions>().BindConfiguration(ProjectionOptions.Section);
        builder.Services.AddOptions<ProviderHealthOptions>().BindConfiguration(ProviderHealthOptions.Section);
        builder.Services.AddOptions<WebhookOptions>().BindConfiguration(WebhookOptions.Section);
        builder.Services.AddOptions<SmtpOptions>().BindConfiguration(SmtpOptions.Section);
        builder.Services.AddOptions<SloOptions>().BindConfiguration(SloOptions.Section);
        builder.Services.AddOptions<AlertOutboxOptions>().BindConfiguration(AlertOutboxOptions.Section);
        builder.Services.AddOptions<UsageLogOptions>().BindConfiguration(UsageLogOptions.Section)
            .Validate(o => o.RetentionDays > 0, "UsageLog:RetentionDays must be at least 1").ValidateOnStart();
        builder.Services.AddOptions<UsageRetentionOptions>().BindConfiguration(UsageRetentionOptions.Section)
            .Validate<IOptions<UsageLogOptions>>(
                (o, log) => o.Days == 0 || o.Days >= log.Value.RetentionDays,
                "UsageRetention:Days must be 0 (keep events forever) or at least UsageLog:RetentionDays: a rebuilt request log needs its events")
            .Validate(o => o.BatchSize > 0 && o.Interval > TimeSpan.Zero, "UsageRetention:BatchSize and UsageRetention:Interval must be positive")
            .ValidateOnStart();
        builder.Services.AddSingleton<WebhookTargets>();
        // No proxy: it would resolve the name itself, past the check on the addresses we connect to.
        builder.Services.AddHttpClient(WebhookDeliverer.HttpClientName).ConfigurePrimaryHttpMessageHandler(sp => new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            ConnectCallback = sp.GetRequiredService<WebhookTargets>().ConnectAsync,
        });

        builder.Services.AddSingleton<UsageIngestedLookup>();
        builder.Services.AddSingleton<ReadModelProjection, UsageRollupProjection>();
        builder.Services.AddSingleton<ReadModelProjection, ProviderHealthProjection>();
        builder.Services.AddSingleton<ReadModelProjection, BudgetSpendProjection>();
        builder.Services.AddSingleton<ReadModelProjection, AnomalyProjection>();
        builder.Services.AddSingleton<ReadModelProjection, AlertRuleProjection>();
        builder.Services.AddSingleton<ReadModelProjection, UsageLogProjection>();
        builder.Services.AddSingleton<ReadModelProjection, UserRollupProjection>();
        builder.Services.AddSingleton<ProjectionCatalog>();
        builder.Services.AddSingleton<DeadLetterReplayer>();
        builder.Services.AddSingleton<ReadModelRebuild>();
        builder.Services.AddSingleton<ProjectionsRunningHere>();
        builder.Services.AddSingleton<IProjectionHealth, DaemonProjectionHealth>();
        builder.Services.AddHealthChecks().AddCheck<DeadLettersHealthCheck>(DeadLettersHealthCheck.Name);
        builder.Services.AddReadModels();
        builder.Services.AddSingleton<BudgetHandler>();
        builder.Services.AddSingleton<IValidator<BudgetTerms>, BudgetTermsValidator>();
        builder.Services.AddSingleton<ChannelHandler>();
        builder.Services.AddSingleton<IValidator<ChannelTerms>, ChannelTermsValidator>();
        builder.Services.AddSingleton<MailSender>();
        builder.Services.AddSingleton<AlertRuleHandler>();
        builder.Services.AddSingleton<IValidator<AlertRuleTerms>, AlertRuleTermsValidator>();
        builder.Services.AddSingleton<IValidator<SetSloTargets>, SetSloTargetsValidator>();
        builder.Services.AddSingleton<IProviderHealthFeed, ProviderHealthFeed>();
        builder.Services.AddSingleton<IBudgetSpendFeed, BudgetSpendFeed>();
        builder.Services.AddSingleton<SloQuery>();
        builder.Services.AddSingleton<SloTargetsLog>();

        // In this order: the tables exist before the daemon starts.
        builder.Services.AddHostedService<AggregationSchema>();
        var store = builder.AddEventStore((options, services) =>
        {
            AggregationEvents.Configure(options);
            ReadModelComposite.Register(options, services.GetRequiredService<ProjectionCatalog>().Projections, services.GetRequiredService<IOptions<ProjectionOptions>>().Value);
        });
        if (builder.Configuration.GetValue(ProjectionOptions.Section + ":" + nameof(ProjectionOptions.Enabled), true))
        {
            // One instance runs the daemon at a time (an advisory lock); another takes over when it stops.
            store.AddAsyncDaemon(DaemonMode.HotCold);
        }

        builder.Services.AddHostedService<ProjectionMetrics>();
        builder.Services.AddHostedService<CircuitStateMetrics>();
        builder.Services.AddHostedService<ReadModelRetention>();
        builder.Services.AddSingleton<UsageRetention>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<UsageRetention>());
        builder.Services.AddHostedService<AlertOutboxPublisher>();
        builder.Services.AddHostedService<WebhookDeliverer>();
        builder.AddBus(bus => bus.AddConsumer<AlertStateChangedConsumer>());
        // After the schema's hosted service: the silo's tables exist before it joins the cluster.
        builder.AddAggregationSilo();
        return builder;
    }

    public static WebApplication MapAggregation(this WebApplication app)
    {
        // Each endpoint below needs a key, by ReadsNeedReadWritesNeedAdmin (libs/Access): read to read, admin for the rest.
        app.UseApiKeys();
        app.MapApiKeys();
        app.MapProjections();
        app.MapLatencyPercentiles();
        app.MapProviderHealth();
        app.MapBudgets();
        app.MapChannels();
        app.MapAlertRules();
        app.MapSlos();
        app.MapAnomalies();
        return app;
    }
}
