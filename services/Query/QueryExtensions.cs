using Npgsql;
using TokenOptimizer.Access;
using TokenOptimizer.Catalog;
using TokenOptimizer.GraphQL;
using TokenOptimizer.Query.FollowingTheDashboard;
using TokenOptimizer.Query.ImportingCatalogs;
using TokenOptimizer.Query.Serving;
using TokenOptimizer.Query.ServingTheDashboard;
using TokenOptimizer.Query.Upstreams;
using TokenOptimizer.ReadModels;
using TokenOptimizer.ServiceDefaults;

namespace TokenOptimizer.Query;

public static class QueryExtensions
{
    public static IHostApplicationBuilder AddQuery(this IHostApplicationBuilder builder)
    {
        // Dashboard queries read a few thousand rollup rows by index: starting parallel workers costs more than the
        // scan (an overview's week sum took 18 ms with them, 3 ms of it work), and its four sums already run side by side.
        builder.AddPostgres(connection => connection.Options = $"{connection.Options} -c max_parallel_workers_per_gather=0".Trim());
        builder.AddApiKeys();
        builder.Services.AddOptions<QueryOptions>().BindConfiguration(QueryOptions.Section);
        builder.Services.AddReadModels();
        builder.Services.AddOptions<UpstreamOptions>().BindConfiguration(UpstreamOptions.Section);
        foreach (var service in (string[])[UpstreamClient.Aggregation, UpstreamClient.Ingestion, UpstreamClient.Recommendations])
        {
            // The service's name, resolved by service discovery (ServiceDefaults) from services:{name}:http:0.
            builder.Services.AddHttpClient(service, client => client.BaseAddress = new Uri($"http://{service}"));
        }

        builder.Services.AddSingleton<UpstreamClient>();
        builder.Services.AddSingleton(_ => ModelCatalog.LoadDefault());
        builder.Services.AddSingleton<PriceListReader>();
        builder.Services.AddSingleton<ResultCache>();
        builder.Services.AddSingleton<DashboardUpdates>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<DashboardUpdates>());
        builder.AddUsageMetrics();

        // Each use-case folder brings a schema part and, usually, the query class behind it: found by convention,
        // so adding a use case touches no central list.
        foreach (var type in typeof(QueryExtensions).Assembly.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false, IsPublic: true }))
        {
            if (typeof(ISchemaPart).IsAssignableFrom(type))
            {
                builder.Services.AddSingleton(typeof(ISchemaPart), type);
            }
            else if (type.Name.EndsWith("Query", StringComparison.Ordinal))
            {
                builder.Services.AddSingleton(type);
            }
        }

        builder.Services.AddSingleton(sp =>
        {
            var logger = sp.GetRequiredService<ILoggerFactory>().CreateLogger("TokenOptimizer.Query.GraphQL");
            var options = new GraphQLOptions
            {
                // An argument only looked up (a feature to filter advice by) may still hold a U+0000 that PostgreSQL refuses:
                // the caller's mistake, said as such, as the HTTP edge says it (libs/Access BadRequestProblems).
                TranslateException = exception => exception is PostgresException { SqlState: PostgresErrorCodes.CharacterNotInRepertoire or PostgresErrorCodes.UntranslatableCharacter }
                    ? new GraphQLException("An argument holds text that cannot be stored: U+0000 (NUL) or invalid Unicode. Remove it and ask again.", "BAD_USER_INPUT")
                    : null,
                // The client sees "Unexpected error."; the operator needs the exception.
                OnUnexpectedError = (exception, path) =>
                {
                    // A caller that went away cancels its request: nothing failed.
                    if (exception is not OperationCanceledException)
                    {
                        logger.LogError(exception, "Resolving {Path} failed", path);
                    }
                },
            };
            // The engine's limits (MaxFields, MaxAliases, ExecutionTimeout, …) under Query:GraphQL; its defaults otherwise.
            sp.GetRequiredService<IConfiguration>().GetSection(QueryOptions.GraphQLSection).Bind(options);
            return new GraphQLExecutor(QuerySchema.Build(sp.GetServices<ISchemaPart>()), options);
        });
        return builder;
    }

    public static WebApplication MapQuery(this WebApplication app)
    {
        app.UseApiKeys();
        app.UseWebSockets();
        app.MapApiKeys();
        app.MapGraphQLApi();
        app.MapCsvExport();
        app.MapUsageMetrics();
        app.MapCatalogImportRelay();
        app.MapDashboard();
        return app;
    }
}
