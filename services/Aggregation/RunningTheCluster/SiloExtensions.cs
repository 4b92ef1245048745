using System.Net;
using System.Net.Sockets;
using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Orleans.Configuration;
using Orleans.Runtime.Hosting;
using Orleans.Serialization;

namespace TokenOptimizer.Aggregation.RunningTheCluster;

/// <summary>The silo each Aggregation instance hosts beside its web server, and the PostgreSQL providers it runs on.</summary>
public static class SiloExtensions
{
    public static IHostApplicationBuilder AddAggregationSilo(this IHostApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(SiloOptions.Section).Get<SiloOptions>() ?? new SiloOptions();
        builder.UseOrleans(silo =>
        {
            silo.UsePostgres();
            silo.Configure<ClusterOptions>(cluster => (cluster.ClusterId, cluster.ServiceId) = (options.ClusterId, options.ServiceId));
            silo.ConfigureEndpoints(IPAddress.Parse(options.AdvertisedAddress),
                options.Endpoints.SiloPort == 0 ? FreePort() : options.Endpoints.SiloPort, options.Endpoints.GatewayPort);
            silo.UseAggregationMembership();
            // Orleans:Membership:* sets any of ClusterMembershipOptions.
            silo.Configure<ClusterMembershipOptions>(builder.Configuration.GetSection(SiloOptions.Section + ":Membership"));
        });
        // Orleans' own meters and activity sources, to the same OpenTelemetry exporters as the service's (ServiceDefaults).
        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics.AddMeter("Microsoft.Orleans"))
            .WithTracing(tracing => tracing.AddSource("Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application"));
        return builder;
    }

    /// <summary>How every Aggregation silo takes part in the cluster's membership (before <c>Orleans:Membership</c>'s settings).</summary>
    public static ISiloBuilder UseAggregationMembership(this ISiloBuilder silo) => silo.Configure<ClusterMembershipOptions>(membership =>
    {
        // Until a killed silo is declared dead, calls to its grains fail and the projections feeding them wait: with
        // Orleans' default 5 s probes a killed instance's work moved in 17.8 s, with 2 s probes in 2.3 s (three probes
        // missed in 2.1 s; tests/SystemTests/SurvivingFailover, load 10). Orleans adapts each probe's timeout between
        // half and four times this, extends it while the probing silo itself is degraded (busy), and suppresses votes
        // against a silo whose connection still carries messages: a loaded machine does not declare a live silo dead.
        membership.ProbeTimeout = TimeSpan.FromSeconds(2);
        // Heartbeats every 5 s (Orleans' default 30 s): a silo silent for three of them is stale (StaleSiloSweep).
        membership.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(5);
    });

    /// <summary>Membership, reminders and grain state on the service's PostgreSQL (its <see cref="NpgsqlDataSource"/>).</summary>
    public static ISiloBuilder UsePostgres(this ISiloBuilder silo)
    {
        silo.Services.AddSingleton<IMembershipTable, PostgresMembershipTable>();
        silo.Services.AddSingleton<StaleSiloSweep>();
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(services => services.GetRequiredService<StaleSiloSweep>());
        silo.AddReminders();
        silo.Services.AddSingleton<IReminderTable, PostgresReminderTable>();
        silo.Services.AddGrainStorage(PostgresGrainStorage.Name, (services, _) => new PostgresGrainStorage(services.GetRequiredService<NpgsqlDataSource>()));
        // Grain calls carry our records (a page's outcomes or entries, once per key per page): System.Text.Json,
        // which already serialises them everywhere else, spares attributes on types shared with other services.
        silo.Services.AddSerializer(serializer => serializer.AddJsonSerializer(
            isSupported: type => type.Namespace?.StartsWith("TokenOptimizer.", StringComparison.Ordinal) == true));
        return silo;
    }

    // The OS picks a free port; the small race until the silo binds it is one start-up failing and being restarted.
    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
