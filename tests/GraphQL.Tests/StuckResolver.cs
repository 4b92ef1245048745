namespace TokenOptimizer.GraphQL.Tests;

/// <summary>
/// A schema whose <c>stuck</c> field waits until its request is cancelled and <c>deaf</c> waits for ever, ignoring
/// cancellation. A test waits for <c>stuck</c> to start, and for its wait to be cancelled.
/// </summary>
internal sealed class StuckResolver
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private readonly SemaphoreSlim _started = new(0);
    private readonly SemaphoreSlim _cancelled = new(0);
    private readonly SemaphoreSlim _never = new(0);

    public StuckResolver() => Schema = new SchemaBuilder()
        .Object("Query", q => q
            .Field("stuck", "String", f => f.ResolveAsync(WaitForCancellationAsync))
            .Field("deaf", "String", f => f.ResolveAsync(async _ =>
            {
                await _never.WaitAsync();
                return "never";
            })))
        .Object("Tick", o => o.Field("stuck", "String", f => f.ResolveAsync(WaitForCancellationAsync)))
        .Object("Subscription", s => s.Field("ticks", "Tick!", f => f.Subscribe(_ => Ticks())))
        .Build();

    public Schema Schema { get; }

    public async Task WaitUntilStartedAsync() => Assert.True(await _started.WaitAsync(Patience), "stuck should have started");

    public async Task WaitUntilCancelledAsync() => Assert.True(await _cancelled.WaitAsync(Patience), "stuck's wait should have been cancelled");

    private async Task<string> WaitForCancellationAsync(ResolveContext context)
    {
        _started.Release();
        try
        {
            await Task.Delay(Timeout.Infinite, context.CancellationToken);
            return "never";
        }
        catch (OperationCanceledException)
        {
            _cancelled.Release();
            throw;
        }
    }

    private static async IAsyncEnumerable<object> Ticks()
    {
        for (var i = 1; i <= 2; i++)
        {
            await Task.Yield();
            yield return i;
        }
    }
}
