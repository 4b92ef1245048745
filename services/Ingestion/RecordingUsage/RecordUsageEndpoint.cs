using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using TokenOptimizer.Access;
using TokenOptimizer.Access.Limits;
using TokenOptimizer.Contracts;

namespace TokenOptimizer.Ingestion.RecordingUsage;

/// <summary>
/// <c>POST /v1/usage</c>: one record (a JSON object), or a batch (an array, or <c>{"records": [...]}</c>)
/// of up to 1,000. Answers 202 with what became of each; a lone record that is invalid gets a 400
/// problem naming every failing field. Either way an invalid record is kept in quarantine.
/// Needs an <c>ingest</c> key. A key scoped to a team may send only that team's records: if any record names
/// another team, or no team, the whole request is refused with a 400 problem whose <c>errors.team</c> names each
/// such record by its index (also listed under <c>indexes</c>), and nothing is stored or quarantined.
/// </summary>
public static class RecordUsageEndpoint
{
    public const string Source = "http";

    public static IEndpointRouteBuilder MapRecordUsage(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/v1/usage", HandleAsync)
            .WithName("RecordUsage")
            .WithSummary("Records usage: one record or a batch of up to 1,000. Needs an ingest key; a team-scoped key may send only its team's records, and a record for another team or none refuses the whole request (400, each record's index under errors.team).")
            .Accepts<UsageRecorded>("application/json")
            .WithBodyLimit(endpoints.ServiceProvider.GetRequiredService<IOptions<RequestLimitsOptions>>().Value.MaxUsageBodyBytes)
            .RequireRateLimiting(RateLimitPolicies.Ingestion)
            .RequireRole(Role.Ingest);
        return endpoints;
    }

    private static async Task<Results<Accepted<IngestionResponse>, ProblemHttpResult, ValidationProblem>> HandleAsync(
        HttpRequest request, ApiKeyPrincipal caller, UsageIngestionPipeline pipeline, CancellationToken cancellationToken)
    {
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken);
        }
        catch (JsonException exception)
        {
            return TypedResults.Problem(
                title: "The body is not valid JSON.",
                detail: $"{exception.Message} Send one usage record as a JSON object, or a batch as an array or {{\"records\": [...]}}.",
                statusCode: StatusCodes.Status400BadRequest);
        }

        using (document)
        {
            var (items, isBatch) = Unwrap(document.RootElement);
            if (items is null)
            {
                return TypedResults.Problem(
                    title: "The body is not a usage record or a batch.",
                    detail: "Send one usage record as a JSON object, or a batch as an array or {\"records\": [...]}.",
                    statusCode: StatusCodes.Status400BadRequest);
            }

            if (items.Count > UsageLimits.MaxBatchSize)
            {
                return TypedResults.Problem(
                    title: "The batch is too large.",
                    detail: $"A batch holds at most {UsageLimits.MaxBatchSize} records; this one has {items.Count}. Split it.",
                    statusCode: StatusCodes.Status400BadRequest);
            }

            var deliveries = items.Select(UsageJson.Read).ToList();
            if (caller.Team is { } team && TeamScope.Violations(deliveries, team) is { Count: > 0 } violations)
            {
                return OutsideScope(team, violations);
            }

            var result = await pipeline.IngestAsync(deliveries, Source, cancellationToken);
            if (!isBatch && result.Rejections.Count == 1)
            {
                var rejection = result.Rejections[0];
                return TypedResults.ValidationProblem(
                    rejection.Errors,
                    title: "The usage record is invalid.",
                    detail: $"Fix the fields listed under 'errors'. The record{(rejection.RequestId is null ? "" : $" '{rejection.RequestId}'")} was kept in quarantine, not stored.");
            }

            return TypedResults.Accepted((string?)null, IngestionResponse.From(result));
        }
    }

    // Refused whole, unlike an invalid record: the key, not the data, is at fault, and a producer must not find half
    // its batch stored under a misconfigured key.
    private static ValidationProblem OutsideScope(string team, IReadOnlyList<(int Index, string Message)> violations) =>
        TypedResults.ValidationProblem(
            new Dictionary<string, string[]> { [TeamScope.Field] = [.. violations.Select(v => v.Message)] },
            title: "Records for another team.",
            detail: $"This API key may only send records of team '{team}'. Nothing was stored; fix the records listed under 'indexes' (from 0) and send again.",
            extensions: new Dictionary<string, object?> { ["indexes"] = violations.Select(v => v.Index).ToArray() });

    private static (IReadOnlyList<JsonElement>? Items, bool IsBatch) Unwrap(JsonElement root) => root.ValueKind switch
    {
        JsonValueKind.Array => (root.EnumerateArray().ToList(), true),
        JsonValueKind.Object when root.TryGetProperty("records", out var records) && records.ValueKind == JsonValueKind.Array
            => (records.EnumerateArray().ToList(), true),
        JsonValueKind.Object => ([root], false),
        _ => (null, false),
    };
}
