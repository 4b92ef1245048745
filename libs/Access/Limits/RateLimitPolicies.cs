using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace TokenOptimizer.Access.Limits;

/// <summary>
/// The named rate-limit policies every service uses, each a token bucket per API key (<see cref="RequestLimitsOptions"/>).
/// The limiter runs after authentication, so it knows the key; a request without one is counted by remote address.
/// A refused request gets 429 with <c>Retry-After</c> and a problem saying which limit it hit.
/// </summary>
public static class RateLimitPolicies
{
    /// <summary>Sending usage: <c>POST /v1/usage</c> and <c>POST /v1/traces</c>.</summary>
    public const string Ingestion = "ingestion";

    /// <summary>GraphQL over HTTP, SSE and WebSocket.</summary>
    public const string GraphQL = "graphql";

    /// <summary>CSV and FOCUS exports.</summary>
    public const string Exports = "exports";

    /// <summary>Everything an admin key changes or administers.</summary>
    public const string Admin = "admin";

    // Each policy with the setting that holds its limit.
    private static readonly (string Policy, string Setting, Func<RequestLimitsOptions, RateLimit> Limit)[] Policies =
    [
        (Ingestion, nameof(RequestLimitsOptions.Ingestion), o => o.Ingestion),
        (GraphQL, nameof(RequestLimitsOptions.GraphQL), o => o.GraphQL),
        (Exports, nameof(RequestLimitsOptions.Exports), o => o.Exports),
        (Admin, nameof(RequestLimitsOptions.Admin), o => o.Admin),
    ];

    internal static void Add(IServiceCollection services) => services.AddRateLimiter(limiter =>
    {
        foreach (var (policy, _, limit) in Policies)
        {
            limiter.AddPolicy(policy, context => BucketFor(context, limit));
        }

        limiter.OnRejected = RefuseAsync;
    });

    private static RateLimitPartition<string> BucketFor(HttpContext context, Func<RequestLimitsOptions, RateLimit> limit)
    {
        var caller = ApiKeyPrincipal.From(context.User) is { } key ? "key:" + key.KeyId : "address:" + context.Connection.RemoteIpAddress;
        return RateLimitPartition.GetTokenBucketLimiter(caller, _ =>
        {
            var bucket = limit(context.RequestServices.GetRequiredService<IOptions<RequestLimitsOptions>>().Value);
            return new TokenBucketRateLimiterOptions
            {
                TokenLimit = bucket.Burst,
                TokensPerPeriod = bucket.PermitsPerSecond,
                ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                QueueLimit = 0,
            };
        });
    }

    private static async ValueTask RefuseAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var http = rejected.HttpContext;
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var policy = http.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName;
        var setting = Policies.FirstOrDefault(p => p.Policy == policy).Setting;
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many requests.",
                Detail = $"This API key made more '{policy}' requests than its limit allows ({RequestLimitsOptions.Section}:{setting}). Retry after {seconds} s.",
            },
        });
    }
}
