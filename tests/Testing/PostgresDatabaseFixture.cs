using TokenOptimizer.Testing.Containers;
using Xunit;

namespace TokenOptimizer.Testing;

/// <summary>
/// A class fixture giving the test class a database of its own on the shared PostgreSQL
/// (see <see cref="SharedInfrastructure"/>): <c>IClassFixture&lt;PostgresDatabaseFixture&gt;</c>.
/// </summary>
public sealed class PostgresDatabaseFixture : IAsyncLifetime
{
    private PostgresServer? _server;

    /// <summary>The database's name, unique per fixture instance; also the name of the role that owns it.</summary>
    public string DatabaseName { get; } = UniqueNames.Next();

    /// <summary>Npgsql connection string for the class's database, as its owner: a role of its own, no superuser.</summary>
    public string ConnectionString { get; private set; } = "";

    /// <summary>The same database as the server's administrator (a superuser on our container), for what a service may not do.</summary>
    public string SuperuserConnectionString { get; private set; } = "";

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        _server = await SharedInfrastructure.PostgresAsync();
        ConnectionString = await _server.CreateDatabaseAsync(DatabaseName);
        SuperuserConnectionString = _server.AdminConnectionStringFor(DatabaseName);
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        // Our own server is thrown away whole at exit; only a given, long-lived one needs tidying.
        if (_server is { IsThrowaway: false })
        {
            await _server.DropDatabaseAsync(DatabaseName);
        }
    }
}
