namespace TokenOptimizer.GraphQL;

/// <summary>Configures an argument or an input object field.</summary>
public sealed class InputValueBuilder
{
    private string? _description;
    private string? _deprecationReason;
    private bool _hasDefault;
    private object? _default;

    internal InputValueBuilder(string name, string type)
    {
        Name = name;
        Type = type;
    }

    internal string Name { get; }

    internal string Type { get; }

    /// <summary>Sets the description.</summary>
    /// <param name="description">Markdown description.</param>
    /// <returns>This builder.</returns>
    public InputValueBuilder Description(string description)
    {
        _description = description;
        return this;
    }

    /// <summary>Sets the default value, as the internal value a resolver would receive.</summary>
    /// <param name="value">The default (may be null).</param>
    /// <returns>This builder.</returns>
    public InputValueBuilder DefaultValue(object? value)
    {
        _hasDefault = true;
        _default = value;
        return this;
    }

    /// <summary>Marks the input value deprecated.</summary>
    /// <param name="reason">Why.</param>
    /// <returns>This builder.</returns>
    public InputValueBuilder Deprecated(string reason = SpecifiedDirectives.DefaultDeprecationReason)
    {
        _deprecationReason = reason;
        return this;
    }

    internal InputValueDefinition Build(Func<string, GraphQLType> resolveType, string parentName)
    {
        var value = new InputValueDefinition(Name, _description, _hasDefault, _default, _deprecationReason)
        {
            Type = resolveType(Type),
        };
        if (!value.Type.IsInputType)
        {
            throw new InvalidOperationException($"The type of {parentName}({Name}:) must be Input Type but got: {Type}.");
        }

        return value;
    }
}
