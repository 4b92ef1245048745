using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace TokenOptimizer.ServiceDefaults;

/// <summary>
/// Traces, metrics and logs with OpenTelemetry, exported over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (the
/// app host sets it to its dashboard). Our own meters and activity sources share <see cref="SourcePrefix"/>, so the
/// product's figures (records accepted, rejected and unpriced, cost, tokens, projection lag, dead letters, circuit
/// states) are exported without a list to keep up to date.
/// </summary>
public static class TelemetryExtensions
{
    /// <summary>Activity sources and meters of our own code; services add theirs with this prefix.</summary>
    public const string SourcePrefix = "TokenOptimizer.";

    public static IHostApplicationBuilder AddDefaultTelemetry(this IHostApplicationBuilder builder)
    {
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddMeter(SourcePrefix + "*", "MassTransit", "Npgsql")
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation())
            .WithTracing(tracing => tracing
                .AddSource(SourcePrefix + "*", "MassTransit", "Npgsql")
                .AddAspNetCoreInstrumentation(aspNetCore =>
                    // Probes and Prometheus scrapes every few seconds would drown the traces that matter.
                    aspNetCore.Filter = context => !context.Request.Path.StartsWithSegments("/health") && !context.Request.Path.StartsWithSegments("/alive")
                        && !context.Request.Path.StartsWithSegments("/metrics"))
                .AddHttpClientInstrumentation());

        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            builder.Services.AddOpenTelemetry().UseOtlpExporter();
        }

        return builder;
    }
}
