namespace TokenOptimizer.Access.ManagingApiKeys;

/// <summary>The body of <c>POST /v1/admin/api-keys</c>. Everything nullable so that the validator, not the binder, names what is missing.</summary>
internal sealed record CreateApiKey(string? Name, string? Role, string? Team);
