using TokenOptimizer.Access;
using TokenOptimizer.Contracts;
using TokenOptimizer.UsageLog;

namespace TokenOptimizer.Ingestion.ErasingUsers;

/// <summary>
/// <c>DELETE /v1/admin/users/{userId}</c>, admin only: erases the user's id (see <see cref="UserErasure"/>). Ingestion owns it
/// because the id entered the system here and the event log it writes is where every copy comes from: it rewrites its own
/// events and quarantine, and the audit event it appends makes every read model forget the id in log order.
/// </summary>
public static class UserErasureEndpoint
{
    /// <summary>The answer: what was erased here, and what follows.</summary>
    public sealed record UserErasureAnswer(string ErasureId, int Events, int QuarantinedRecords, DateTimeOffset ErasedAt, string Detail);

    public static IEndpointRouteBuilder MapUserErasure(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapDelete("/v1/admin/users/{userId}", EraseAsync).RequireRole(Role.Admin);
        return endpoints;
    }

    private static async Task<IResult> EraseAsync(string userId, ApiKeyPrincipal caller, UserErasure erasure, CancellationToken cancellationToken)
    {
        // The server decodes every escape in a path but %2F (it would end the segment): an id holding '/' arrives so.
        userId = userId.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase);
        if (userId.Length > UsageLimits.IdentifierMaxLength)
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["userId"] = [$"'userId' is longer than {UsageLimits.IdentifierMaxLength} characters: no record can name it."] },
                title: "The request is invalid.", detail: "Fix the fields listed under 'errors'.");
        }

        UserErased erased = await erasure.EraseAsync(userId, caller.KeyId, cancellationToken);
        return TypedResults.Ok(new UserErasureAnswer(
            erased.ErasureId, erased.Events, erased.QuarantinedRecords, erased.ErasedAt,
            "The request log and the per-user rollups forget the id as soon as Aggregation applies this erasure (usually within a second). " +
            "The audit event keeps only a salted hash of the id."));
    }
}
