using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace TokenOptimizer.Access.Http;

/// <summary>
/// Authenticates <c>Authorization: Bearer tok_…</c> or <c>X-Api-Key: tok_…</c>, and answers refusals as
/// RFC 7807 problems. An authentication handler rather than an endpoint filter: authorization then runs
/// before the request body is bound, so an unauthenticated caller never gets its body parsed or validated.
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyStore store, IProblemDetailsService problems)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    private const string BearerPrefix = "Bearer ";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (PresentedKey() is not { } presented)
        {
            return AuthenticateResult.NoResult();
        }

        // One message for every refusal, so that nothing tells whether a key id exists.
        return await store.AuthenticateAsync(presented, Context.RequestAborted) is { } principal
            ? AuthenticateResult.Success(new AuthenticationTicket(principal.ToClaimsPrincipal(), Scheme.Name))
            : AuthenticateResult.Fail("The API key is not valid.");
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer";
        await WriteProblemAsync(StatusCodes.Status401Unauthorized, "A valid API key is required.",
            $"Send a key as 'Authorization: Bearer tok_…' or in the '{ApiKeyDefaults.HeaderName}' header. A missing, malformed, unknown and revoked key are all refused alike.");
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        await WriteProblemAsync(StatusCodes.Status403Forbidden, "This API key's role does not allow this request.",
            "Use a key with the role this endpoint needs: 'admin' for /v1/admin, 'read' (or 'admin') to read, 'ingest' to send usage.");

    private string? PresentedKey()
    {
        string? authorization = Request.Headers.Authorization;
        if (authorization is not null && authorization.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return authorization[BearerPrefix.Length..].Trim();
        }

        string? header = Request.Headers[ApiKeyDefaults.HeaderName];
        return string.IsNullOrWhiteSpace(header) ? null : header.Trim();
    }

    private async Task WriteProblemAsync(int status, string title, string detail)
    {
        Response.StatusCode = status;
        var written = await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        });
        if (!written)
        {
            // The client's Accept header rules out JSON: the status code and WWW-Authenticate still say it all.
            Response.ContentLength = 0;
        }
    }
}
