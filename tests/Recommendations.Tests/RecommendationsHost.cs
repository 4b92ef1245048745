using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TokenOptimizer.Catalog;
using TokenOptimizer.Recommendations.Narrating;
using TokenOptimizer.Recommendations.TestingModels;
using TokenOptimizer.Testing;

namespace TokenOptimizer.Recommendations.Tests;

/// <summary>The service's model-testing and narrative registrations, configured as a deployment would be, without HTTP.</summary>
internal sealed class RecommendationsHost : IDisposable
{
    public const string ApiKey = "sk-test-0123456789-secret";

    private readonly IHost _host;

    private RecommendationsHost(IHost host, CapturedLogs logs)
    {
        _host = host;
        Logs = logs;
    }

    public CapturedLogs Logs { get; }

    public ModelTestRunner Runner => _host.Services.GetRequiredService<ModelTestRunner>();

    public RecommendationNarrator Narrator => _host.Services.GetRequiredService<RecommendationNarrator>();

    /// <summary>Provider <c>openai</c> points at <paramref name="stub"/>; <paramref name="settings"/> adds or overrides keys.</summary>
    public static RecommendationsHost Create(ChatCompletionsStub stub, params (string Key, string? Value)[] settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(
        [
            new($"Recommendations:Endpoints:{TestCatalog.Provider}:BaseUrl", stub.BaseUrl.ToString()),
            new($"Recommendations:Endpoints:{TestCatalog.Provider}:ApiKey", ApiKey),
            .. settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)),
        ]);
        var logs = new CapturedLogs();
        builder.Logging.ClearProviders().SetMinimumLevel(LogLevel.Trace).AddProvider(logs);
        builder.Services.AddSingleton<ModelCatalog>(TestCatalog.Create());
        builder.AddModelTesting();
        builder.AddRecommendationNarrative();
        return new RecommendationsHost(builder.Build(), logs);
    }

    public void Dispose() => _host.Dispose();
}
