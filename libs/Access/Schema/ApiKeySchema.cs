using Microsoft.Extensions.Hosting;
using Npgsql;

namespace TokenOptimizer.Access.Schema;

/// <summary>Creates the <c>api_keys</c> table before the server takes requests (hosted services start first).</summary>
internal sealed class ApiKeySchema(NpgsqlDataSource dataSource) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => ApiKeyStore.EnsureSchemaAsync(dataSource, cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
