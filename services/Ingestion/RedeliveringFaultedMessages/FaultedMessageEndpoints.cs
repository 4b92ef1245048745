using TokenOptimizer.Access;
using TokenOptimizer.ServiceDefaults;

namespace TokenOptimizer.Ingestion.RedeliveringFaultedMessages;

/// <summary>
/// Bus messages that still failed after their retries, parked in the consumers' <c>_error</c> queues: how many wait
/// (<c>GET /v1/admin/faulted-messages</c>), and moving them back to be consumed again once the cause is fixed
/// (<c>POST /v1/admin/faulted-messages/redeliver</c>). Storing is idempotent by request id, so a message moved back
/// whose records were partly stored stores the rest, and nothing twice. Admin keys only.
/// </summary>
public static class FaultedMessageEndpoints
{
    public static IEndpointRouteBuilder MapFaultedMessages(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/v1/admin/faulted-messages").RequireRole(Role.Admin);
        group.MapGet("/", async (ErrorQueues queues, CancellationToken cancellationToken) =>
            TypedResults.Ok(FaultedMessages.Of(await queues.CountAsync(cancellationToken))));
        group.MapPost("/redeliver", async (ErrorQueues queues, CancellationToken cancellationToken) =>
            TypedResults.Ok(FaultedMessages.Of(await queues.MoveBackAsync(cancellationToken))));
        return endpoints;
    }
}

/// <summary>Messages per error queue (waiting, or moved back), and their total.</summary>
public sealed record FaultedMessages(long Total, IReadOnlyList<ErrorQueueCount> Queues)
{
    public static FaultedMessages Of(IReadOnlyList<ErrorQueueCount> queues) => new(queues.Sum(q => q.Messages), queues);
}
