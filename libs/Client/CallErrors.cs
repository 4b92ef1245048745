using System.ClientModel;
using System.Globalization;
using TokenOptimizer.Contracts;

namespace TokenOptimizer.Client;

/// <summary>
/// Turns what an LLM call threw into the contract's <see cref="ErrorTypes"/> and an error code (the HTTP status
/// where there is one). The exception's message is never sent: providers may quote the prompt in it.
/// </summary>
public static class CallErrors
{
    /// <summary>The error code recorded for a call the caller cancelled (the contract has no cancelled outcome).</summary>
    public const string Cancelled = "cancelled";

    /// <summary>
    /// The error type and code of <paramref name="error"/>; <paramref name="callerCancelled"/> says the caller's token fired.
    /// <paramref name="status"/> is the HTTP status when the caller knows it from an SDK's own exception type (the
    /// Anthropic adapter's <c>AnthropicErrors.StatusOf</c>); otherwise it is read from <see cref="ClientResultException"/>
    /// (the OpenAI and Azure SDKs) or <see cref="HttpRequestException"/>, wherever it sits among the inner exceptions.
    /// </summary>
    public static (string ErrorType, string? ErrorCode) Classify(Exception error, bool callerCancelled, int? status = null)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (error is OperationCanceledException)
        {
            // Cancelled without the caller asking: an HTTP client timeout.
            return callerCancelled ? (ErrorTypes.Other, Cancelled) : (ErrorTypes.Timeout, null);
        }

        if (error is TimeoutException)
        {
            return (ErrorTypes.Timeout, null);
        }

        status ??= StatusOf(error);
        return (status is { } code ? OfStatus(code) : ErrorTypes.Other, status?.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>The error type an HTTP status means.</summary>
    public static string OfStatus(int status) => status switch
    {
        401 or 403 => ErrorTypes.AuthError,
        408 or 504 => ErrorTypes.Timeout,
        429 => ErrorTypes.RateLimit,
        >= 500 => ErrorTypes.ServerError,
        >= 400 => ErrorTypes.InvalidRequest,
        _ => ErrorTypes.Other,
    };

    private static int? StatusOf(Exception error) => error switch
    {
        ClientResultException { Status: > 0 } openAi => openAi.Status,
        HttpRequestException { StatusCode: { } code } => (int)code,
        _ when error.InnerException is { } inner => StatusOf(inner),
        _ => null,
    };
}
