using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using TokenOptimizer.Contracts;

namespace TokenOptimizer.Ingestion.RecordingUsage;

/// <summary>
/// <c>POST /v1/usage</c>: one record (a JSON object), or a batch (an array, or <c>{"records": [...]}</c>)
/// of up to 1,000. Answers 202 with what became of each; a lone record that is invalid gets a 400
/// problem naming every failing field. Either way an invalid record is kept in quarantine.
/// </summary>
public static class RecordUsageEndpoint
{
    public const string Source = "http";

    public static IEndpointRouteBuilder MapRecordUsage(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/v1/usage", HandleAsync)
            .WithName("RecordUsage")
            .Accepts<UsageRecorded>("application/json");
        return endpoints;
    }

    private static async Task<Results<Accepted<IngestionResponse>, ProblemHttpResult, ValidationProblem>> HandleAsync(
        HttpRequest request, UsageIngestionPipeline pipeline, CancellationToken cancellationToken)
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

            var result = await pipeline.IngestAsync(items.Select(UsageJson.Read).ToList(), Source, cancellationToken);
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

    private static (IReadOnlyList<JsonElement>? Items, bool IsBatch) Unwrap(JsonElement root) => root.ValueKind switch
    {
        JsonValueKind.Array => (root.EnumerateArray().ToList(), true),
        JsonValueKind.Object when root.TryGetProperty("records", out var records) && records.ValueKind == JsonValueKind.Array
            => (records.EnumerateArray().ToList(), true),
        JsonValueKind.Object => ([root], false),
        _ => (null, false),
    };
}
