namespace TokenOptimizer.ReadModels;

/// <summary>
/// One request's share of the database: at most so many of its commands run at once (the Query service's
/// <c>Query:DatabaseCommandsPerRequest</c>), the others wait for a turn. A request's resolvers run side by side (every
/// root field, every alias), and an overview alone runs five commands at once, so without turns one request of 30
/// aliased overviews with different filters would ask for 150 connections from a pool of 100 and leave every other
/// request waiting. Every reader takes one; a caller outside a GraphQL request passes <see cref="None"/>.
/// </summary>
public sealed class DatabaseTurns(int atOnce)
{
    private readonly SemaphoreSlim _turns = new(atOnce, atOnce);

    /// <summary>No limit: for callers that run one command at a time anyway (an endpoint, a schedule).</summary>
    public static DatabaseTurns None { get; } = new(int.MaxValue);

    /// <summary>Waits for a turn; dispose it once the command and its reader are done with the connection.</summary>
    public async Task<IDisposable> TakeAsync(CancellationToken cancellationToken)
    {
        await _turns.WaitAsync(cancellationToken);
        return new Turn(_turns);
    }

    private sealed class Turn(SemaphoreSlim turns) : IDisposable
    {
        private int _returned;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _returned, 1) == 0)
            {
                turns.Release();
            }
        }
    }
}
