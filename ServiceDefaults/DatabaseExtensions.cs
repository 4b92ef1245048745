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

    /// <param name="builder">The service being built.</param>
    /// <param name="configure">Changes this service makes to the connection settings (e.g. session options).</param>
    public static IHostApplicationBuilder AddPostgres(this IHostApplicationBuilder builder, Action<NpgsqlConnectionStringBuilder>? configure = null)
    {
        var connectionString = new NpgsqlConnectionStringBuilder(builder.Configuration.GetConnectionString(ConnectionName)
            ?? throw new InvalidOperationException(
                $"ConnectionStrings:{ConnectionName} is not set. Start the service with `dotnet run --project AppHost`, or set ConnectionStrings__{ConnectionName}."));
        configure?.Invoke(connectionString);
        builder.Services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString.ConnectionString));
        builder.Services.AddHealthChecks().AddCheck<PostgresHealthCheck>(ConnectionName);
        return builder;
    }
}
