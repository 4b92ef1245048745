namespace TokenOptimizer.GraphQL;

/// <summary>A field of an object or interface type.</summary>
public sealed class FieldDefinition
{
    internal FieldDefinition(string name, string? description, string? deprecationReason)
    {
        Name = name;
        Description = description;
        DeprecationReason = deprecationReason;
    }

    /// <summary>The field name.</summary>
    public string Name { get; }

    /// <summary>Human-readable description.</summary>
    public string? Description { get; }

    /// <summary>Why the field is deprecated, or null when it is not.</summary>
    public string? DeprecationReason { get; }

    /// <summary>The field's output type.</summary>
    public GraphQLType Type { get; internal set; } = null!;

    /// <summary>The field's arguments, in definition order.</summary>
    public IReadOnlyList<InputValueDefinition> Arguments { get; internal set; } = [];

    /// <summary>The resolver; null means the default property/dictionary lookup.</summary>
    public FieldResolver? Resolver { get; internal set; }

    /// <summary>A batch resolver, used instead of <see cref="Resolver"/> when set.</summary>
    public BatchFieldResolver? BatchResolver { get; internal set; }

    /// <summary>For subscription fields: creates the event stream.</summary>
    public SubscriptionSourceResolver? Subscriber { get; internal set; }

    /// <summary>Cost counted against the request's field-cost budget; list fields multiply their children.</summary>
    public int Cost { get; internal set; } = 1;

    /// <summary>Whether the resolver runs at most once per request for the same parent value and arguments.</summary>
    public bool OncePerRequest { get; internal set; }

    internal Execution.DefaultResolver.CachedGetter? CachedGetter { get; set; }

    /// <summary>Finds an argument by name.</summary>
    /// <param name="name">The argument name.</param>
    /// <returns>The argument, or null.</returns>
    public InputValueDefinition? GetArgument(string name)
    {
        foreach (var argument in Arguments)
        {
            if (argument.Name == name)
            {
                return argument;
            }
        }

        return null;
    }
}
