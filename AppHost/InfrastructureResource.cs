using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Npgsql;
using TokenOptimizer.Provisioning;

namespace TokenOptimizer.AppHost;

/// <summary>
/// PostgreSQL and RabbitMQ: the ones named by <c>ConnectionStrings__postgres</c> / <c>ConnectionStrings__rabbitmq</c>,
/// or private instances in the AppHost's data folder, kept across runs.
/// </summary>
internal sealed class InfrastructureResource(AppHostOptions options, Resources resources, IConfiguration configuration, Console console) : IHostedService
{
    private LocalInfrastructure? _infrastructure;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        console.Step($"Provisioning PostgreSQL and RabbitMQ (data in {options.DataFolder})");
        _infrastructure = await LocalInfrastructure.StartAsync(
            new LocalInfrastructureOptions
            {
                DataFolder = options.DataFolder,
                DeleteDataFolderOnDispose = false,
                PostgresConnectionString = configuration.GetConnectionString(Resources.Postgres),
                RabbitMqConnectionString = configuration.GetConnectionString(Resources.RabbitMq),
                Progress = console.Detail,
            },
            cancellationToken);

        resources.PostgresConnectionString = await EnsureDatabaseAsync(_infrastructure.PostgresConnectionString, cancellationToken);
        resources.RabbitMqConnectionString = _infrastructure.RabbitMqConnectionString;
        console.Ready(Resources.Postgres, Redact(resources.PostgresConnectionString));
        console.Ready(Resources.RabbitMq, Redact(resources.RabbitMqConnectionString));
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_infrastructure is not null)
        {
            console.Step("Stopping PostgreSQL and RabbitMQ");
            await _infrastructure.DisposeAsync();
        }
    }

    // The services connect as the database's owner, no superuser; our superuser only creates that role and hands it the
    // database. A given server whose user may not create roles is used with its own user, as given.
    private async Task<string> EnsureDatabaseAsync(string serverConnectionString, CancellationToken cancellationToken)
    {
        await using (var dataSource = NpgsqlDataSource.Create(serverConnectionString))
        {
            await using var mayCreateRoles = dataSource.CreateCommand("SELECT rolsuper OR (rolcreaterole AND rolcreatedb) FROM pg_roles WHERE rolname = current_user");
            if (await mayCreateRoles.ExecuteScalarAsync(cancellationToken) is true)
            {
                return await DatabaseOwner.EnsureAsync(serverConnectionString, Resources.Database, Resources.DatabaseOwner, cancellationToken);
            }

            console.Detail($"PostgreSQL: {Resources.Postgres}'s user may not create roles; the services use it as given.");
            await using var exists = dataSource.CreateCommand("SELECT 1 FROM pg_database WHERE datname = $1");
            exists.Parameters.Add(new NpgsqlParameter { Value = Resources.Database });
            if (await exists.ExecuteScalarAsync(cancellationToken) is null)
            {
                await using var create = dataSource.CreateCommand($"CREATE DATABASE {Resources.Database}");
                await create.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        return new NpgsqlConnectionStringBuilder(serverConnectionString) { Database = Resources.Database }.ConnectionString;
    }

    private static string Redact(string connectionString) =>
        System.Text.RegularExpressions.Regex.Replace(connectionString, "(?i)(password=)[^;]*|(://[^:/@]+:)[^@]*(@)", m =>
            m.Groups[1].Success ? m.Groups[1].Value + "***" : m.Groups[2].Value + "***" + m.Groups[3].Value);
}
