using System.Net.Sockets;
using Npgsql;

namespace TokenOptimizer.EventStore.Tests;

/// <summary>
/// A <see cref="RecordingProjection"/> with faults: it throws on its own events whose number is poisoned (until
/// <see cref="Fixed"/>, as a deployed fix would), and throws what <c>failOnCall</c> gives for a call (by number, from 1).
/// </summary>
internal sealed class FaultyProjection(RecordingProjection inner, IReadOnlySet<int> poisoned, Func<int, Exception?>? failOnCall = null) : IProjection
{
    private int _calls;

    public string Name => inner.Name;

    public bool Fixed { get; set; }

    /// <summary>How often the daemon asked it to apply a batch.</summary>
    public int Calls => _calls;

    public Task ApplyAsync(IReadOnlyList<StoredEvent> events, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        if (failOnCall?.Invoke(Interlocked.Increment(ref _calls)) is { } failure)
        {
            throw failure;
        }

        if (!Fixed && events.FirstOrDefault(e => e.Data is ThingHappened thing && poisoned.Contains(thing.Number) && e.StreamId.StartsWith(inner.Name + "-", StringComparison.Ordinal)) is { } poison)
        {
            throw new OverflowException($"Value was either too large or too small for a Decimal (event {poison.Sequence}).");
        }

        return inner.ApplyAsync(events, connection, transaction, cancellationToken);
    }

    /// <summary>What Npgsql throws when the server goes away mid-command.</summary>
    public static NpgsqlException ConnectionLost() => new("Exception while reading from stream", new SocketException((int)SocketError.ConnectionReset));

    public Task ResetAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        inner.ResetAsync(connection, transaction, cancellationToken);
}
