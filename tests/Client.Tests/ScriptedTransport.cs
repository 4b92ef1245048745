using System.Collections.Concurrent;
using TokenOptimizer.Contracts;

namespace TokenOptimizer.Client.Tests;

/// <summary>An <see cref="IUsageTransport"/> that answers each attempt as <see cref="Answer"/> says and keeps every attempt.</summary>
internal sealed class ScriptedTransport : IUsageTransport
{
    public Func<int, IReadOnlyList<UsageRecorded>, DeliveryResult> Answer { get; set; } = (_, _) => DeliveryResult.Delivered();

    public ConcurrentQueue<IReadOnlyList<UsageRecorded>> Attempts { get; } = new();

    /// <summary>Records of the attempts that were answered <see cref="DeliveryKind.Delivered"/>.</summary>
    public ConcurrentQueue<UsageRecorded> Delivered { get; } = new();

    public Task<DeliveryResult> SendAsync(IReadOnlyList<UsageRecorded> batch, CancellationToken cancellationToken)
    {
        var copy = batch.ToList();
        Attempts.Enqueue(copy);
        var result = Answer(Attempts.Count, copy);
        if (result.Kind == DeliveryKind.Delivered)
        {
            foreach (var record in copy)
            {
                Delivered.Enqueue(record);
            }
        }

        return Task.FromResult(result);
    }
}
