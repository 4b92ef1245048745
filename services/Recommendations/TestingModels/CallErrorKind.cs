namespace TokenOptimizer.Recommendations.TestingModels;

/// <summary>Why a call failed. Only the kind (and an HTTP status) is kept: a provider's error text may quote the prompt.</summary>
public enum CallErrorKind
{
    /// <summary>No answer within the call timeout.</summary>
    Timeout,

    /// <summary>The endpoint answered with an error status (<see cref="ModelCallResult.HttpStatus"/>).</summary>
    HttpStatus,

    /// <summary>The endpoint could not be reached (connection refused, DNS, TLS, reset).</summary>
    Network,

    /// <summary>No endpoint is configured for the provider.</summary>
    NotConfigured,

    /// <summary>The endpoint answered 2xx with something that is not a chat completion.</summary>
    InvalidResponse,
}
