using Xunit;

namespace TokenOptimizer.Testing;

/// <summary>A class fixture with both a database and a virtual host of the class's own.</summary>
public sealed class IntegrationInfrastructureFixture : IAsyncLifetime
{
    /// <summary>The class's database.</summary>
    public PostgresDatabaseFixture Postgres { get; } = new();

    /// <summary>The class's virtual host.</summary>
    public RabbitMqVhostFixture RabbitMq { get; } = new();

    /// <inheritdoc />
    public Task InitializeAsync() => Task.WhenAll(Postgres.InitializeAsync(), RabbitMq.InitializeAsync());

    /// <inheritdoc />
    public Task DisposeAsync() => Task.WhenAll(Postgres.DisposeAsync(), RabbitMq.DisposeAsync());
}
