using Npgsql;

namespace TokenOptimizer.Bench;

/// <summary>
/// A sampling profile of the database while the daemon works: every 200 ms, what each active connection of the
/// benchmark's database is running and waiting on (pg_stat_activity; the private server has no pg_stat_statements).
/// Printed as the most frequent samples: where the time goes when a figure misses its target.
/// </summary>
internal sealed class DatabaseActivity(NpgsqlDataSource dataSource) : IAsyncDisposable
{
    private readonly Dictionary<string, int> _samples = [];
    private readonly CancellationTokenSource _stop = new();
    private Task? _sampling;
    private int _rounds;

    public void Start() => _sampling = Task.Run(SampleAsync);

    public async Task PrintAsync(int top)
    {
        await _stop.CancelAsync();
        await (_sampling ?? Task.CompletedTask);
        Console.WriteLine($"  database activity, {_rounds} samples (share of samples with a connection busy so; Client:ClientRead/Write = waiting on the service):");
        foreach (var (what, count) in _samples.OrderByDescending(s => s.Value).Take(top))
        {
            Console.WriteLine($"    {100.0 * count / Math.Max(_rounds, 1),5:0.0}%  {what}");
        }
    }

    private async Task SampleAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            await using (var command = dataSource.CreateCommand("""
                SELECT coalesce(wait_event_type || ':' || wait_event, 'CPU') || '  ' || left(regexp_replace(query, '\s+', ' ', 'g'), 110)
                FROM pg_stat_activity
                WHERE datname = current_database() AND state = 'active' AND pid <> pg_backend_pid()
                """))
            await using (var reader = await command.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    var what = reader.GetString(0);
                    _samples[what] = _samples.GetValueOrDefault(what) + 1;
                }
            }

            _rounds++;
            try
            {
                await Task.Delay(200, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await (_sampling ?? Task.CompletedTask);
        _stop.Dispose();
    }
}
