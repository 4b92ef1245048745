using Microsoft.AspNetCore.Mvc;

namespace TokenOptimizer.Ingestion.RecordingUsage;

/// <summary>The 202 body: counts, and an RFC 7807 problem for each rejected record.</summary>
public sealed record IngestionResponse(int Accepted, int Duplicates, int Rejected, int Unpriced, IReadOnlyList<ValidationProblemDetails> Problems)
{
    public static IngestionResponse From(IngestionResult result) => new(
        result.Accepted,
        result.Duplicates,
        result.Rejected,
        result.Unpriced,
        result.Rejections.Select(ToProblem).ToList());

    private static ValidationProblemDetails ToProblem(UsageRejection rejection) => new(rejection.Errors.ToDictionary(e => e.Key, e => e.Value))
    {
        Type = "https://tools.ietf.org/html/rfc9110#section-15.5.1",
        Title = "The usage record is invalid.",
        Status = StatusCodes.Status400BadRequest,
        Detail = $"Record {rejection.Index} was kept in quarantine, not stored.",
        Extensions = { ["index"] = rejection.Index, ["requestId"] = rejection.RequestId },
    };
}
