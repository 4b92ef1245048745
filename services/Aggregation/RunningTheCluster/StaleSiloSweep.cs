using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Runtime;

namespace TokenOptimizer.Aggregation.RunningTheCluster;

/// <summary>
/// While this silo joins, declares dead the Active entries of silos whose heartbeats stopped (their instance killed, its
/// machine gone) so that the join can go on. Orleans lets a silo join only once it has reached every Active silo, and only
/// live members declare one dead: with no other instance left, a killed Aggregation restarted on another port (each
/// start of a replica of the app host gets a new one) waited the whole MaxJoinAttemptTime, 5 minutes, and then failed to
/// start (bench/FaultSuite, kill9_aggregation). Orleans keeps silos whose heartbeat is older than its allowed miss period
/// out of gossip for the same reason; this makes the table say so, through its own contract (an etag-checked row update
/// with a new table version), as a live member voting would. A silo restarted on its old port is handled by Orleans
/// itself (an older generation at its own address is declared dead), and nothing is swept once this silo is active.
/// </summary>
internal sealed partial class StaleSiloSweep(
    IMembershipTable table, ILocalSiloDetails localSilo, IOptions<ClusterMembershipOptions> options, TimeProvider clock, ILogger<StaleSiloSweep> logger)
    : ILifecycleParticipant<ISiloLifecycle>
{
    private readonly CancellationTokenSource _stop = new();

    public void Participate(ISiloLifecycle lifecycle) => lifecycle.Subscribe(
        nameof(StaleSiloSweep),
        ServiceLifecycleStage.RuntimeInitialize,
        starting =>
        {
            // In the background: the join it unblocks comes later in the same start-up.
            _ = Task.Run(() => SweepUntilJoinedAsync(_stop.Token));
            return Task.CompletedTask;
        },
        stopping => _stop.CancelAsync());

    private async Task SweepUntilJoinedAsync(CancellationToken stopping)
    {
        var membership = options.Value;
        // Orleans' own measure of a silo that stopped writing heartbeats (AllowedIAmAliveMissPeriod).
        var silentFor = membership.IAmAliveTablePublishTimeout * membership.NumMissedTableIAmAliveLimit;
        var giveUpAt = clock.GetUtcNow() + membership.MaxJoinAttemptTime;
        while (!stopping.IsCancellationRequested && clock.GetUtcNow() < giveUpAt)
        {
            try
            {
                if (await SweepOnceAsync(silentFor, stopping))
                {
                    return;
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogSweepFailed(exception); // the table is unreachable for now: the join waits on it too
            }

            try
            {
                await Task.Delay(membership.ProbeTimeout, clock, stopping);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>
    /// One look at the table: true once this silo is active. Declares at most one silo dead a time (each update moves
    /// the table version, so the next is made against a fresh read).
    /// </summary>
    internal async Task<bool> SweepOnceAsync(TimeSpan silentFor, CancellationToken stopping)
    {
        var data = await table.ReadAllAsync(stopping);
        if (data.Members.Any(m => m.Item1.SiloAddress.Equals(localSilo.SiloAddress) && m.Item1.Status == SiloStatus.Active))
        {
            return true;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var (entry, etag) in data.Members)
        {
            var lastHeard = entry.IAmAliveTime > entry.StartTime ? entry.IAmAliveTime : entry.StartTime;
            if (entry.Status != SiloStatus.Active || now - lastHeard <= silentFor || entry.SiloAddress.Equals(localSilo.SiloAddress))
            {
                continue;
            }

            entry.Status = SiloStatus.Dead;
            if (await table.UpdateRowAsync(entry, etag, data.Version.Next(), stopping))
            {
                LogDeclaredDead(entry.SiloAddress, now - lastHeard);
            }

            return false;
        }

        return false;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Declared silo {Silo} dead while joining: no heartbeat for {Silence}")]
    private partial void LogDeclaredDead(SiloAddress silo, TimeSpan silence);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read the membership table to sweep silent silos; trying again")]
    private partial void LogSweepFailed(Exception exception);
}
