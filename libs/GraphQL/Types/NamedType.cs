namespace TokenOptimizer.GraphQL;

/// <summary>A type with a name and optional description.</summary>
public abstract class NamedType : GraphQLType
{
    private protected NamedType(string name, string? description)
    {
        Name = name;
        Description = description;
    }

    /// <summary>The type's name.</summary>
    public string Name { get; }

    /// <summary>Human-readable description shown in introspection and SDL.</summary>
    public string? Description { get; }

    /// <inheritdoc />
    public override NamedType Named => this;

    /// <inheritdoc />
    public override string ToString() => Name;
}
