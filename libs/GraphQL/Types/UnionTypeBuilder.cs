namespace TokenOptimizer.GraphQL;

/// <summary>Configures a union type.</summary>
public sealed class UnionTypeBuilder
{
    internal UnionTypeBuilder(string name) => Name = name;

    internal string Name { get; }

    internal string? DescriptionText { get; private set; }

    internal List<string> MemberNames { get; } = [];

    internal TypeResolver? TypeResolver { get; private set; }

    /// <summary>Sets the description.</summary>
    /// <param name="description">Markdown description.</param>
    /// <returns>This builder.</returns>
    public UnionTypeBuilder Description(string description)
    {
        DescriptionText = description;
        return this;
    }

    /// <summary>Adds member object types.</summary>
    /// <param name="types">Object type names.</param>
    /// <returns>This builder.</returns>
    public UnionTypeBuilder Types(params string[] types)
    {
        MemberNames.AddRange(types);
        return this;
    }

    /// <summary>Chooses the object type of a value.</summary>
    /// <param name="resolver">Returns the object type name.</param>
    /// <returns>This builder.</returns>
    public UnionTypeBuilder ResolveType(TypeResolver resolver)
    {
        TypeResolver = resolver;
        return this;
    }
}
