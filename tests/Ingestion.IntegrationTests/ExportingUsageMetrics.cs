using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using Xunit;

namespace TokenOptimizer.Ingestion.IntegrationTests;

/// <summary>
/// What Ingestion counts (records accepted, duplicates, cost, tokens) goes out through the OpenTelemetry pipeline that
/// ServiceDefaults builds, the one whose OTLP exporter feeds the Aspire dashboard: here an in-memory exporter beside it.
/// </summary>
public sealed class ExportingUsageMetrics(ExportingUsageMetrics.ExportingHost host) : IClassFixture<ExportingUsageMetrics.ExportingHost>
{
    [Fact]
    public async Task AcceptedCalls_AreExportedWithTheirCostAndTokens_ADuplicateAddsNone()
    {
        // Given a call, sent twice
        var record = SampleUsage.Gpt4o();
        (await host.Http.PostAsJsonAsync("/v1/usage", record)).EnsureSuccessStatusCode();
        (await host.Http.PostAsJsonAsync("/v1/usage", record)).EnsureSuccessStatusCode();

        // When the host's meters are exported
        host.Services.GetRequiredService<MeterProvider>().ForceFlush();

        // Then the exported figures are the call's, once
        Assert.Equal(1, host.Sum("usage.records.accepted"));
        Assert.Equal(1, host.Sum("usage.records.duplicates"));
        Assert.Equal((double)SampleUsage.Gpt4oCostUsd, host.Sum("usage.cost"), 9);
        Assert.Equal(record.InputTokens, host.Sum("usage.tokens", ("kind", "input")));
        Assert.Equal(record.OutputTokens, host.Sum("usage.tokens", ("kind", "output")));
    }

    /// <summary>Ingestion with an in-memory exporter added to its meter provider.</summary>
    public sealed class ExportingHost : IngestionHost
    {
        private readonly List<Metric> _exported = [];

        /// <summary>The latest exported total of a counter, over the points carrying <paramref name="tag"/> if given.</summary>
        public double Sum(string name, (string Key, string Value)? tag = null)
        {
            var metric = _exported.Last(m => m.Name == name);
            var total = 0.0;
            foreach (ref readonly var point in metric.GetMetricPoints())
            {
                var tags = new Dictionary<string, object?>();
                foreach (var pair in point.Tags)
                {
                    tags[pair.Key] = pair.Value;
                }

                if (tag is { } wanted && !Equals(tags.GetValueOrDefault(wanted.Key), wanted.Value))
                {
                    continue;
                }

                total += metric.MetricType == MetricType.DoubleSum ? point.GetSumDouble() : point.GetSumLong();
            }

            return total;
        }

        protected override void ConfigureServices(IServiceCollection services) =>
            services.ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddInMemoryExporter(_exported));
    }
}
