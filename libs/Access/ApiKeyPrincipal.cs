using System.Reflection;
using System.Security.Claims;
using Microsoft.AspNetCore.Http;

namespace TokenOptimizer.Access;

/// <summary>
/// Who is calling: the authenticated key's public id, its role, and its team scope. Declare a parameter of
/// this type in a minimal-API handler behind <see cref="AccessExtensions.RequireRole{TBuilder}"/> to get it;
/// elsewhere (a GraphQL resolver, middleware) use <see cref="From"/> on <c>HttpContext.User</c>.
/// </summary>
/// <param name="KeyId">The key's public id: safe for logs and listings.</param>
/// <param name="Role">The key's role.</param>
/// <param name="Team">
/// When set, the key may see only this team's data. The library only exposes the scope: every query and
/// export must filter by it (and an ingest endpoint may refuse records for other teams).
/// </param>
public sealed record ApiKeyPrincipal(string KeyId, Role Role, string? Team)
{
    internal const string TeamClaim = "tokenoptimizer:team";

    /// <summary>Whether this key may see every team's data.</summary>
    public bool IsUnscoped => Team is null;

    /// <summary>Whether this key may do what needs <paramref name="required"/>.</summary>
    public bool Has(Role required) => Role.Grants(required);

    /// <summary>The key behind an authenticated <paramref name="user"/>, or null when no API key authenticated it.</summary>
    public static ApiKeyPrincipal? From(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var identity = user.Identities.FirstOrDefault(i => i.IsAuthenticated && i.AuthenticationType == ApiKeyDefaults.Scheme);
        if (identity?.FindFirst(ClaimTypes.NameIdentifier)?.Value is not { } keyId
            || !Roles.TryParse(identity.FindFirst(ClaimTypes.Role)?.Value, out var role))
        {
            return null;
        }

        return new ApiKeyPrincipal(keyId, role, identity.FindFirst(TeamClaim)?.Value);
    }

    /// <summary>
    /// Minimal-API parameter binding. Authorization runs before binding, so on an endpoint that requires a role
    /// the key is always there; on one that does not, this fails loudly rather than letting a handler run unscoped.
    /// </summary>
    public static ValueTask<ApiKeyPrincipal?> BindAsync(HttpContext context, ParameterInfo parameter)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(parameter);
        return ValueTask.FromResult<ApiKeyPrincipal?>(From(context.User) ?? throw new InvalidOperationException(
            $"Parameter '{parameter.Name}' needs an API key, but endpoint '{context.GetEndpoint()?.DisplayName}' does not call RequireRole."));
    }

    internal ClaimsPrincipal ToClaimsPrincipal()
    {
        List<Claim> claims = [new(ClaimTypes.NameIdentifier, KeyId), new(ClaimTypes.Role, Role.ToName())];
        if (Team is not null)
        {
            claims.Add(new Claim(TeamClaim, Team));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, ApiKeyDefaults.Scheme));
    }
}
