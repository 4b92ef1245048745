using System.Text.Json;
using TokenOptimizer.Access;
using TokenOptimizer.GraphQL;
using TokenOptimizer.Query.Serving;
using TokenOptimizer.Query.Upstreams;

namespace TokenOptimizer.Query.ErasingUsers;

/// <summary>
/// <c>eraseUser</c> for admin keys, carried out by the Ingestion service (<c>DELETE /v1/admin/users/{userId}</c>, the owner of
/// the event log the id came in through): the user's id is removed from the log and the quarantine at once, and from the
/// request log and per-user rollups as Aggregation applies the erasure.
/// </summary>
public sealed class UserErasureMutationPart(UpstreamClient upstream) : ISchemaPart
{
    public void AddTypes(SchemaBuilder schema) => schema
        .Object("UserErasure", o => o
            .Description("What an erasure removed. Its audit record keeps only a salted hash of the id.")
            .Field("erasureId", "ID!")
            .Field("events", "Int!", f => f.Description("Usage events that no longer name the user."))
            .Field("quarantinedRecords", "Int!", f => f.Description("Quarantined records that no longer name the user."))
            .Field("erasedAt", "DateTime!")
            .Field("detail", "String!", f => f.Description("What follows: the read models forget the id as Aggregation applies the erasure.")));

    public void AddMutationFields(ObjectTypeBuilder mutation) => mutation.Field("eraseUser", "UserErasure!", f => f
        .Description("Erases a user's id from the event log, the request log, the per-user rollups and the quarantine (admin keys).")
        .Argument("userId", "String!")
        .ResolveAsync(async context =>
        {
            QueryCaller.Of(context).Require(Role.Admin);
            var path = "/v1/admin/users/" + Uri.EscapeDataString(context.Argument<string>("userId")!);
            var answer = await upstream.SendAsync(UpstreamClient.Ingestion, HttpMethod.Delete, path, null, context.CancellationToken);
            return answer!.Value.Deserialize<UserErasure>(JsonSerializerOptions.Web);
        }));

    private sealed record UserErasure(string ErasureId, int Events, int QuarantinedRecords, DateTimeOffset ErasedAt, string Detail);
}
