using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using TokenOptimizer.Access;
using TokenOptimizer.Query.ExportingMetrics;

// In the service's root namespace, beside MapQuery, which maps it.
namespace TokenOptimizer.Query;

/// <summary>
/// <c>GET /metrics</c>: spend, tokens, calls, errors and latency per provider, model, feature and team in Prometheus'
/// text format (OpenTelemetry's Prometheus exporter), for an unscoped read key (Prometheus sends it as
/// <c>authorization: {credentials: …}</c>). The figures cover every team, so a team-scoped key is refused (403), as
/// by Aggregation and Recommendations. The exporter has a meter provider of its own holding only <see cref="UsageMeter"/>:
/// the service's own telemetry goes over OTLP as before, and a scrape costs no more than the business figures.
/// </summary>
public static class MetricsEndpoint
{
    public const string Path = "/metrics";

    public static IHostApplicationBuilder AddUsageMetrics(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<MetricsOptions>().BindConfiguration(MetricsOptions.Section)
            .Validate(o => o.RefreshInterval >= TimeSpan.Zero, $"{MetricsOptions.Section}:{nameof(MetricsOptions.RefreshInterval)} must not be negative.")
            .Validate(o => o.TopValuesPerLabel >= 1, $"{MetricsOptions.Section}:{nameof(MetricsOptions.TopValuesPerLabel)} must be at least 1.")
            .Validate(o => o.MaxSeriesPerMetric >= 2, $"{MetricsOptions.Section}:{nameof(MetricsOptions.MaxSeriesPerMetric)} must be at least 2.")
            .Validate(o => o.LatencyWindow > TimeSpan.Zero, $"{MetricsOptions.Section}:{nameof(MetricsOptions.LatencyWindow)} must be positive.")
            .ValidateOnStart();
        builder.Services.AddSingleton<UsageMetricsSource>();
        builder.Services.AddSingleton<UsageMeter>();
        builder.Services.AddKeyedSingleton(nameof(MetricsEndpoint), (sp, _) =>
        {
            var meter = sp.GetRequiredService<UsageMeter>();
            var options = sp.GetRequiredService<IOptions<MetricsOptions>>().Value;
            return Sdk.CreateMeterProviderBuilder()
                .AddMeter(meter.MeterName)
                // CellLabels bounds the series; the SDK's own limit (default 2,000) must not fold them again: room for the
                // tokens' five kinds per series (the latency has three quantiles), and a little more.
                .AddView(_ => new MetricStreamConfiguration { CardinalityLimit = (options.MaxSeriesPerMetric * 5) + 2 })
                .AddPrometheusExporter(exporter =>
                {
                    // The label set is ours to document: no otel_scope_* labels; target_info is left as the exporter makes it.
                    exporter.ScopeInfoEnabled = false;
                    // Each scrape is answered from the snapshot: the exporter's own response cache adds nothing.
                    exporter.ScrapeResponseCacheDurationMilliseconds = 0;
                })
                .Build();
        });
        return builder;
    }

    public static WebApplication MapUsageMetrics(this WebApplication app)
    {
        var source = app.Services.GetRequiredService<UsageMetricsSource>();
        app.MapPrometheusScrapingEndpoint(Path, app.Services.GetRequiredKeyedService<MeterProvider>(nameof(MetricsEndpoint)),
                branch => branch.Use(async (context, next) =>
                {
                    await source.RefreshIfStaleAsync(context.RequestAborted);
                    await next(context);
                }), optionsName: null)
            .RequireAuthorization(ReadsNeedReadWritesNeedAdmin.Policy);
        return app;
    }
}
