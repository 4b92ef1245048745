using Microsoft.Extensions.Options;
using TokenOptimizer.Recommendations.TestingModels;

namespace TokenOptimizer.Recommendations.Narrating;

public static class NarratingExtensions
{
    /// <summary>
    /// Registers <see cref="RecommendationNarrator"/>: with a chat client when <c>Recommendations:Narrative</c>
    /// names a provider and model whose endpoint is configured, else without one (it then returns no narrative).
    /// </summary>
    public static IHostApplicationBuilder AddRecommendationNarrative(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddChatEndpoints();
        builder.Services.AddOptions<NarrativeOptions>().BindConfiguration(NarrativeOptions.Section);
        builder.Services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<NarrativeOptions>>().Value;
            var chat = string.IsNullOrWhiteSpace(options.Provider) || string.IsNullOrWhiteSpace(options.Model)
                ? null
                : sp.GetRequiredService<ChatEndpoints>().For(options.Provider, options.Model);
            return new RecommendationNarrator(chat, options, sp.GetRequiredService<ILogger<RecommendationNarrator>>());
        });
        return builder;
    }
}
