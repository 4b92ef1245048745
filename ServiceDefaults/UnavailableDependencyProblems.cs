using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace TokenOptimizer.ServiceDefaults;

/// <summary>
/// A request that failed because PostgreSQL or RabbitMQ is unreachable (see <see cref="TransientFaults"/>) is answered
/// 503 with <c>Retry-After</c>, never 500: nothing in it was wrong, and a producer that retries loses nothing. The SDKs
/// and OpenTelemetry exporters retry a 503 with backoff.
/// </summary>
internal sealed class UnavailableDependencyProblems(IProblemDetailsService problems) : IExceptionHandler
{
    // Outages seen here (a restart, a failover) last seconds to minutes: long enough not to hammer a recovering
    // database, short enough that the backlog drains soon after it is back.
    private const int RetryAfterSeconds = 5;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (!TransientFaults.IsTransient(exception) || httpContext.RequestAborted.IsCancellationRequested)
        {
            return false;
        }

        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "A dependency is unavailable.",
                Detail = $"The database or the message broker cannot be reached right now. Send the request again in {RetryAfterSeconds} seconds (records stored before the fault are recognised as duplicates).",
            },
        });
    }
}
