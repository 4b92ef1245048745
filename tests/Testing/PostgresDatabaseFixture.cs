using TokenOptimizer.Provisioning;
using Xunit;

namespace TokenOptimizer.Testing;

/// <summary>
/// A class fixture giving the test class a database of its own on the shared PostgreSQL
/// (see <see cref="SharedInfrastructure"/>): <c>IClassFixture&lt;PostgresDatabaseFixture&gt;</c>.
/// </summary>
public sealed class PostgresDatabaseFixture : IAsyncLifetime
{
    private LocalInfrastructure? _infrastructure;

    /// <summary>The database's name, unique per fixture instance.</summary>
    public string DatabaseName { get; } = UniqueNames.Next();

    /// <summary>Npgsql connection string for the class's database (as a superuser).</summary>
    public string ConnectionString { get; private set; } = "";

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        _infrastructure = await SharedInfrastructure.GetAsync();
        ConnectionString = await _infrastructure.CreateDatabaseAsync(DatabaseName);
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        // Our own server is thrown away whole at exit; only a given, long-lived one needs tidying.
        if (_infrastructure is { OwnsPostgres: false })
        {
            await _infrastructure.DropDatabaseAsync(DatabaseName);
        }
    }
}
