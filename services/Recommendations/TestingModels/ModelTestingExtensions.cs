using Microsoft.Extensions.DependencyInjection.Extensions;
using TokenOptimizer.Catalog;

namespace TokenOptimizer.Recommendations.TestingModels;

public static class ModelTestingExtensions
{
    /// <summary>
    /// Registers <see cref="ModelTestRunner"/> and the chat endpoints of <c>Recommendations:Endpoints</c>. Prices with
    /// the <see cref="ModelCatalog"/> registered before this call, else the shipped one.
    /// </summary>
    public static IHostApplicationBuilder AddModelTesting(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddChatEndpoints();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton(_ => ModelCatalog.LoadDefault());
        // Transient: each test takes the catalog registered at the time it starts, should that be a factory.
        builder.Services.AddTransient<ModelTestRunner>();
        return builder;
    }

    /// <summary>The per-provider chat endpoints; safe to call more than once.</summary>
    public static IHostApplicationBuilder AddChatEndpoints(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<ModelEndpointsOptions>().BindConfiguration(ModelEndpointsOptions.Section);
        builder.Services.TryAddSingleton<ChatEndpoints>();
        return builder;
    }
}
