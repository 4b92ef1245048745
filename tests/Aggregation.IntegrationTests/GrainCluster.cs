using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.TestingHost;
using TokenOptimizer.Aggregation.PublishingAlerts;
using TokenOptimizer.Aggregation.RunningTheCluster;
using TokenOptimizer.Aggregation.TrackingProviderHealth;
using TokenOptimizer.ReadModels;
using TokenOptimizer.Testing;
using Xunit;

namespace TokenOptimizer.Aggregation.IntegrationTests;

/// <summary>
/// Our grains under Orleans' <see cref="TestCluster"/>: in-process silos on our PostgreSQL membership table, reminder
/// table and grain storage, on the class's own database, each silo with a bus on the class's virtual host and an alert
/// outbox publisher, as an Aggregation instance has. Grains are called from inside a silo, as the projections do.
/// </summary>
public class GrainCluster : IAsyncLifetime
{
    /// <summary>The providers' breaker in these tests: a short cool-down, so the reminder that ends it comes soon.</summary>
    public static readonly ProviderHealthOptions HealthOptions = new() { MinimumRequests = 10, HalfOpenProbes = 5, CoolDown = TimeSpan.FromSeconds(2) };

    private readonly IntegrationInfrastructureFixture _infrastructure = new();

    private ServiceProvider _readers = null!;

    public TestCluster Cluster { get; private set; } = null!;

    public NpgsqlDataSource DataSource { get; private set; } = null!;

    /// <summary>The readers of the grains' persisted state, as a service registers them.</summary>
    public ProviderHealthReader ProviderHealth => _readers.GetRequiredService<ProviderHealthReader>();

    /// <inheritdoc cref="ProviderHealth"/>
    public BudgetStatusReader Budgets => _readers.GetRequiredService<BudgetStatusReader>();

    protected virtual short Silos => 1;

    public async Task InitializeAsync()
    {
        await _infrastructure.InitializeAsync();
        DataSource = NpgsqlDataSource.Create(_infrastructure.Postgres.ConnectionString);
        _readers = new ServiceCollection().AddSingleton(DataSource).AddSingleton<IConfiguration>(new ConfigurationBuilder().Build())
            .AddReadModels().BuildServiceProvider();
        var builder = new TestClusterBuilder(Silos);
        builder.Options.UseTestClusterMembership = false;
        builder.Options.InitializeClientOnDeploy = false;
        builder.Properties["ConnectionStrings:postgres"] = _infrastructure.Postgres.ConnectionString;
        builder.Properties["ConnectionStrings:rabbitmq"] = _infrastructure.RabbitMq.ConnectionString;
        builder.AddSiloBuilderConfigurator<PostgresSilo>();
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    /// <summary>The grain factory of <paramref name="silo"/> (the first live one by default), as that silo's projections call grains.</summary>
    public IGrainFactory Grains(SiloHandle? silo = null) => Services(silo ?? Cluster.GetActiveSilos().First()).GetRequiredService<IGrainFactory>();

    /// <summary>Deactivates <paramref name="grain"/> through Orleans' management grain and waits until no silo holds it.</summary>
    public async Task DeactivateAsync(IAddressable grain)
    {
        var management = Grains().GetGrain<IManagementGrain>(0);
        await management.DeactivateGrain(grain.GetGrainId(), CancellationToken.None);
        await Eventually.UntilAsync(async () => await management.GetActivationAddress(grain) is null, TimeSpan.FromSeconds(10), "the grain deactivated");
    }

    public static IServiceProvider Services(SiloHandle silo) => ((InProcessSiloHandle)silo).SiloHost.Services;

    public async Task<T> ScalarAsync<T>(string sql, params object[] parameters)
    {
        await using var command = DataSource.CreateCommand(sql);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        return (T)(await command.ExecuteScalarAsync())!;
    }

    public async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
        await _readers.DisposeAsync();
        await DataSource.DisposeAsync();
        await _infrastructure.DisposeAsync();
    }

    private sealed class PostgresSilo : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            var postgres = siloBuilder.Configuration["ConnectionStrings:postgres"]!;
            var rabbitmq = new Uri(siloBuilder.Configuration["ConnectionStrings:rabbitmq"]!);
            siloBuilder.UsePostgres();
            siloBuilder.UseAggregationMembership();
            // Fast failure detection: two silos, so one vote declares the other dead.
            siloBuilder.Configure<ClusterMembershipOptions>(options =>
            {
                options.ProbeTimeout = TimeSpan.FromSeconds(1);
                options.NumMissedProbesLimit = 2;
                options.NumVotesForDeathDeclaration = 1;
                options.TableRefreshTimeout = TimeSpan.FromSeconds(1);
            });
            var services = siloBuilder.Services;
            services.AddSingleton(_ => NpgsqlDataSource.Create(postgres));
            services.AddSingleton(TimeProvider.System);
            services.AddSingleton(Options.Create(HealthOptions));
            services.AddSingleton(Options.Create(new AlertOutboxOptions { Lease = TimeSpan.FromSeconds(3), PollInterval = TimeSpan.FromMilliseconds(200) }));
            services.AddHostedService<AlertOutboxPublisher>();
            services.AddMassTransit(bus =>
            {
                bus.DisableUsageTelemetry();
                bus.UsingRabbitMq((context, rabbit) => rabbit.Host(rabbitmq, host => host.PublisherConfirmation = true));
            });
        }
    }
}

/// <summary>Two silos of one cluster.</summary>
public sealed class TwoSiloGrainCluster : GrainCluster
{
    protected override short Silos => 2;
}
