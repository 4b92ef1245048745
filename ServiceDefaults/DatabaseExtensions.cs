using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace TokenOptimizer.ServiceDefaults;

/// <summary>The PostgreSQL connection every service gets from <c>ConnectionStrings:postgres</c>.</summary>
public static class DatabaseExtensions
{
    public const string ConnectionName = "postgres";

    public static IHostApplicationBuilder AddPostgres(this IHostApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString(ConnectionName)
            ?? throw new InvalidOperationException(
                $"ConnectionStrings:{ConnectionName} is not set. Start the service with `dotnet run --project AppHost`, or set ConnectionStrings__{ConnectionName}.");
        builder.Services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString));
        builder.Services.AddHealthChecks().AddCheck<PostgresHealthCheck>(ConnectionName);
        return builder;
    }
}
