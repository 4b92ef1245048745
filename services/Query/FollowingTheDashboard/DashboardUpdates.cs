using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Npgsql;
using TokenOptimizer.Query.Serving;
using TokenOptimizer.ReadModels;

namespace TokenOptimizer.Query.FollowingTheDashboard;

/// <summary>
/// Watches the read-model version (every <c>Query:UpdatePollInterval</c>, 250 ms by default: projections
/// commit within 250 ms of an append, so a dashboard hears of an ingested record well within 2 s) and tells each
/// subscriber when it moves. One poll serves every subscriber; a slow subscriber only ever misses intermediate
/// versions, never the latest.
/// </summary>
public sealed partial class DashboardUpdates(ReadModelProgress version, TimeProvider clock, IOptions<QueryOptions> options, ILogger<DashboardUpdates> logger) : BackgroundService
{
    private readonly Lock _lock = new();
    private readonly List<Channel<DashboardUpdate>> _subscribers = [];

    public async IAsyncEnumerable<DashboardUpdate> SubscribeAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var channel = Channel.CreateBounded<DashboardUpdate>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest });
        lock (_lock)
        {
            _subscribers.Add(channel);
        }

        try
        {
            await foreach (var update in channel.Reader.ReadAllAsync(cancellationToken))
            {
                yield return update;
            }
        }
        finally
        {
            lock (_lock)
            {
                _subscribers.Remove(channel);
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var last = "";
        using var timer = new PeriodicTimer(options.Value.UpdatePollInterval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var current = await version.VersionAsync(stoppingToken);
                if (current == last)
                {
                    continue;
                }

                last = current;
                var update = new DashboardUpdate(current, clock.GetUtcNow());
                lock (_lock)
                {
                    _subscribers.ForEach(s => s.Writer.TryWrite(update));
                }
            }
            catch (NpgsqlException exception)
            {
                LogPollFailed(exception);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading the read-model version failed; trying again")]
    private partial void LogPollFailed(Exception exception);
}
