using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Npgsql;

namespace TokenOptimizer.Access.Http;

/// <summary>
/// A request the framework could not bind (malformed JSON, a value of the wrong type, a query parameter that is not
/// a number) answered as every other refusal is: an RFC 7807 problem with the framework's status (400, 415), naming
/// the field when the JSON reader knows it. Anything else unhandled stays a 500 problem that tells nothing.
/// </summary>
internal sealed class BadRequestProblems(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is PostgresException { SqlState: PostgresErrorCodes.CharacterNotInRepertoire or PostgresErrorCodes.UntranslatableCharacter })
        {
            // The last line of defence: every input a service stores is validated, but a query parameter it only looks up
            // (a provider to filter by) may still carry a U+0000 that PostgreSQL refuses; that is the caller's fault, not a 500.
            httpContext.Response.StatusCode = StatusCodes.Status400BadRequest;
            return await problems.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = httpContext,
                Exception = exception,
                ProblemDetails = new ProblemDetails
                {
                    Status = StatusCodes.Status400BadRequest,
                    Title = "The request holds text that cannot be stored.",
                    Detail = "A value holds U+0000 (NUL), which no text here may hold. Remove it and send the request again.",
                },
            });
        }

        if (exception is not BadHttpRequestException bad)
        {
            return false;
        }

        httpContext.Response.StatusCode = bad.StatusCode;
        var problem = bad.InnerException is JsonException json && FieldOf(json) is { } field
            ? new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [$"'{field}' has a value of the wrong type or format."] })
            {
                Title = "The request is invalid.",
                Detail = "Fix the fields listed under 'errors'.",
            }
            : new ProblemDetails
            {
                Title = bad.InnerException is JsonException ? "The body is not valid JSON." : "The request could not be read.",
                Detail = bad.InnerException is JsonException syntax ? syntax.Message : bad.Message,
            };
        problem.Status = bad.StatusCode;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    // "$.global.availability" names global.availability; "$" (a syntax error, the whole body) names none.
    private static string? FieldOf(JsonException json) =>
        json.Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : null;
}
