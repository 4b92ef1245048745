namespace TokenOptimizer.GraphQL;

/// <summary>Resolves one field for one parent value.</summary>
/// <param name="context">The field, its parent value and arguments.</param>
/// <returns>The field's value.</returns>
public delegate ValueTask<object?> FieldResolver(ResolveContext context);

/// <summary>
/// Resolves one field for many parent values at once, so that a list of N parents costs one
/// round trip instead of N. The result must have one value per context, in the same order.
/// </summary>
/// <param name="contexts">One context per parent value, all for the same field and arguments.</param>
/// <returns>One value per context.</returns>
public delegate ValueTask<IReadOnlyList<object?>> BatchFieldResolver(IReadOnlyList<ResolveContext> contexts);

/// <summary>Creates the source stream of a subscription field: each item becomes one response.</summary>
/// <param name="context">The subscription field and its arguments.</param>
/// <returns>The event stream.</returns>
public delegate IAsyncEnumerable<object?> SubscriptionSourceResolver(ResolveContext context);

/// <summary>Chooses the object type of a value whose static type is an interface or union.</summary>
/// <param name="value">The resolved value.</param>
/// <param name="context">The field being completed.</param>
/// <returns>The name of the object type, or null when unknown.</returns>
public delegate string? TypeResolver(object value, ResolveContext context);
