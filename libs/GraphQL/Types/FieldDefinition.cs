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

/// <summary>An argument of a field or directive, or a field of an input object type.</summary>
public sealed class InputValueDefinition
{
    internal InputValueDefinition(string name, string? description, bool hasDefaultValue, object? defaultValue, string? deprecationReason)
    {
        Name = name;
        Description = description;
        HasDefaultValue = hasDefaultValue;
        DefaultValue = defaultValue;
        DeprecationReason = deprecationReason;
    }

    /// <summary>The name.</summary>
    public string Name { get; }

    /// <summary>Human-readable description.</summary>
    public string? Description { get; }

    /// <summary>The input type.</summary>
    public GraphQLType Type { get; internal set; } = null!;

    /// <summary>Whether a default value is defined (a default may itself be null).</summary>
    public bool HasDefaultValue { get; }

    /// <summary>The default, as an internal value (what a resolver receives).</summary>
    public object? DefaultValue { get; }

    /// <summary>Why the input value is deprecated, or null when it is not.</summary>
    public string? DeprecationReason { get; }
}

/// <summary>A value of an enum type.</summary>
/// <param name="name">The value's name in GraphQL.</param>
/// <param name="value">The internal .NET value resolvers see and return.</param>
/// <param name="description">Human-readable description.</param>
/// <param name="deprecationReason">Why the value is deprecated, or null.</param>
public sealed class EnumValueDefinition(string name, object value, string? description, string? deprecationReason)
{
    /// <summary>The value's name in GraphQL.</summary>
    public string Name { get; } = name;

    /// <summary>The internal .NET value.</summary>
    public object Value { get; } = value;

    /// <summary>Human-readable description.</summary>
    public string? Description { get; } = description;

    /// <summary>Why the value is deprecated, or null.</summary>
    public string? DeprecationReason { get; } = deprecationReason;
}
