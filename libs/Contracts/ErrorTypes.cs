namespace TokenOptimizer.Contracts;

/// <summary>The values of <see cref="UsageRecorded.ErrorType"/>.</summary>
public static class ErrorTypes
{
    /// <summary>The call did not finish in time.</summary>
    public const string Timeout = "timeout";

    /// <summary>The provider throttled the call.</summary>
    public const string RateLimit = "rate_limit";

    /// <summary>The provider refused the request as malformed.</summary>
    public const string InvalidRequest = "invalid_request";

    /// <summary>The provider failed (5xx).</summary>
    public const string ServerError = "server_error";

    /// <summary>The credentials were refused.</summary>
    public const string AuthError = "auth_error";

    /// <summary>The provider's content filter blocked the call.</summary>
    public const string ContentFilter = "content_filter";

    /// <summary>Any other failure.</summary>
    public const string Other = "other";

    /// <summary>Every known value.</summary>
    public static IReadOnlyList<string> All { get; } =
        [Timeout, RateLimit, InvalidRequest, ServerError, AuthError, ContentFilter, Other];
}
