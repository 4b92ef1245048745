using TokenOptimizer.Provisioning;
using TokenOptimizer.Testing.Containers;

namespace TokenOptimizer.Testing.Tests;

/// <summary>
/// <c>ConnectionStrings__postgres</c> / <c>ConnectionStrings__rabbitmq</c> name servers to use instead of containers:
/// here the shared containers stand in for such servers, given by their connection strings.
/// </summary>
[Collection(StartingContainersInSequence.Name)]
public sealed class UsingGivenServers
{
    [Fact]
    public async Task GivenPostgres_GetsTheClassDatabasesAndNoContainerStarts()
    {
        var shared = await SharedInfrastructure.PostgresAsync();
        var containers = await DockerContainers.OwnedByAsync(ContainerReaper.Owner);

        var given = await SharedInfrastructure.ProvidePostgresAsync(shared.AdminConnectionString);
        var name = UniqueNames.Next();
        var database = await given.CreateDatabaseAsync(name);

        Assert.False(given.IsThrowaway);
        Assert.Equal(name, await Sql.ScalarAsync(database, "select current_database()"));
        Assert.Equal(containers, await DockerContainers.OwnedByAsync(ContainerReaper.Owner));

        // And the class's database and role go when it ends: the server outlives the tests
        await given.DropDatabaseAsync(name);
        Assert.Equal(0L, await Sql.ScalarAsync(shared.AdminConnectionString, $"select (select count(*) from pg_database where datname = '{name}') + (select count(*) from pg_roles where rolname = '{name}')"));
    }

    [Fact]
    public async Task GivenRabbitMq_GetsTheClassVirtualHostsAndNoContainerStarts()
    {
        var shared = await SharedInfrastructure.RabbitMqAsync();
        var containers = await DockerContainers.OwnedByAsync(ContainerReaper.Owner);

        using var given = await SharedInfrastructure.ProvideRabbitMqAsync(shared.Admin.ConnectionString, shared.ManagementApi);
        var name = UniqueNames.Next();
        var vhost = await given.CreateVirtualHostAsync(name);

        Assert.False(given.IsThrowaway);
        Assert.Equal(shared.Admin.WithVirtualHost(name).ConnectionString, vhost);
        Assert.Equal(containers, await DockerContainers.OwnedByAsync(ContainerReaper.Owner));
        await given.DeleteVirtualHostAsync(name);
        await Assert.ThrowsAsync<InvalidOperationException>(() => given.DeleteVirtualHostAsync(name)); // 404: it is gone
    }

    [Fact]
    public async Task GivenRabbitMqWithoutManagementApi_FailsNamingWhatIsMissing()
    {
        var shared = await SharedInfrastructure.RabbitMqAsync();
        using var given = await SharedInfrastructure.ProvideRabbitMqAsync(shared.Admin.ConnectionString, new Uri($"http://127.0.0.1:{FreePorts.Take(1)[0]}/"));

        var failed = await Assert.ThrowsAsync<InvalidOperationException>(() => given.CreateVirtualHostAsync(UniqueNames.Next()));

        Assert.Contains("management plugin", failed.Message, StringComparison.Ordinal);
    }
}
