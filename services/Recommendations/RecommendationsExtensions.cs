using FluentValidation;
using TokenOptimizer.Access;
using TokenOptimizer.Catalog;
using TokenOptimizer.ReadModels;
using TokenOptimizer.Recommendations.AllowingModels;
using TokenOptimizer.Recommendations.Lifecycle;
using TokenOptimizer.Recommendations.Narrating;
using TokenOptimizer.Recommendations.Realising;
using TokenOptimizer.Recommendations.Suggesting;
using TokenOptimizer.Recommendations.TestingModels;
using TokenOptimizer.Recommendations.WatchingBudgets;
using TokenOptimizer.ServiceDefaults;

namespace TokenOptimizer.Recommendations;

public static class RecommendationsExtensions
{
    public static IHostApplicationBuilder AddRecommendations(this IHostApplicationBuilder builder)
    {
        // This service's own tables live in its schema; Aggregation's read models are found in public (read through libs/ReadModels).
        builder.AddPostgres(connection => connection.SearchPath = RecommendationsSchema.SearchPath);
        builder.AddReadsNeedReadWritesNeedAdmin();
        builder.Services.AddOptions<RecommendationsOptions>().BindConfiguration(RecommendationsOptions.Section)
            .Validate(o => o.Window >= TimeSpan.FromDays(1), "Recommendations:Window must be at least one day.")
            .Validate(o => o.MinimumRequests >= 1, "Recommendations:MinimumRequests must be at least 1.")
            .Validate(o => o.CachingTargetShare is > 0 and < 1, "Recommendations:CachingTargetShare must be between 0 and 1.")
            .ValidateOnStart();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.AddEventStore((options, _) => RecommendationsEvents.Configure(options));
        builder.Services.AddSingleton(_ => ModelCatalog.LoadDefault());
        builder.Services.AddSingleton(sp => QualityData.Load(sp.GetRequiredService<IConfiguration>()));
        builder.Services.AddSingleton<PriceListReader>();
        builder.Services.AddReadModels();
        builder.Services.AddSingleton<ModelAllowances>();
        builder.Services.AddSingleton<IRecommendationRule, ModelSwitchRule>();
        builder.Services.AddSingleton<IRecommendationRule, ProviderSwitchRule>();
        builder.Services.AddSingleton<IRecommendationRule, PromptCachingRule>();
        builder.Services.AddSingleton<IRecommendationRule, BatchProcessingRule>();
        builder.Services.AddSingleton<IRecommendationRule, FailureWasteRule>();
        builder.Services.AddSingleton<RecommendationEngine>();
        builder.Services.AddSingleton<BudgetRiskAdvisor>();
        builder.Services.AddSingleton<RecommendationHandler>();
        builder.Services.AddSingleton<IValidator<DismissRecommendation>, DismissRecommendationValidator>();
        builder.Services.AddSingleton<IValidator<SnoozeRecommendation>, SnoozeRecommendationValidator>();
        builder.Services.AddSingleton<IValidator<TestRecommendation>, TestRecommendationValidator>();
        builder.Services.AddSingleton<IValidator<SetModelAllowance>, SetModelAllowanceValidator>();
        builder.Services.AddSingleton<RecommendationList>();
        builder.Services.AddSingleton<RealisedSavings>();
        builder.Services.AddSingleton<Recomputation>();
        builder.AddModelTesting();
        builder.AddRecommendationNarrative();

        // In this order: the schema exists before the schedule starts.
        builder.Services.AddHostedService<RecommendationsSchema>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<Recomputation>());
        return builder;
    }
}
