using TokenOptimizer.Contracts;

namespace TokenOptimizer.Ingestion.ReceivingTraces;

/// <summary>
/// Sorts a span's <c>error.type</c> into the contract's <see cref="ErrorTypes"/>. The convention allows an HTTP status
/// code, an exception type's name or a provider's own code there, so the raw value also travels on as the error code.
/// </summary>
internal static class SpanErrorTypes
{
    public static string Classify(string? errorType)
    {
        if (string.IsNullOrEmpty(errorType))
        {
            return ErrorTypes.Other;
        }

        if (ErrorTypes.All.Contains(errorType))
        {
            return errorType;
        }

        if (int.TryParse(errorType, out var status))
        {
            return status switch
            {
                408 or 504 => ErrorTypes.Timeout,
                429 => ErrorTypes.RateLimit,
                401 or 403 => ErrorTypes.AuthError,
                >= 400 and < 500 => ErrorTypes.InvalidRequest,
                >= 500 and < 600 => ErrorTypes.ServerError,
                _ => ErrorTypes.Other,
            };
        }

        return errorType.Contains("timeout", StringComparison.OrdinalIgnoreCase) || errorType.Contains("timedout", StringComparison.OrdinalIgnoreCase)
            ? ErrorTypes.Timeout
            : errorType.Contains("ratelimit", StringComparison.OrdinalIgnoreCase) || errorType.Contains("rate_limit", StringComparison.OrdinalIgnoreCase)
                ? ErrorTypes.RateLimit
                : ErrorTypes.Other;
    }
}
