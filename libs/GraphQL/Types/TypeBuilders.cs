namespace TokenOptimizer.GraphQL;

/// <summary>Configures an object or interface type.</summary>
/// <typeparam name="TSelf">The concrete builder, for fluent chaining.</typeparam>
public abstract class ComplexTypeBuilder<TSelf>
    where TSelf : ComplexTypeBuilder<TSelf>
{
    private protected ComplexTypeBuilder(string name) => Name = name;

    internal string Name { get; }

    internal string? DescriptionText { get; private set; }

    internal List<string> InterfaceNames { get; } = [];

    internal List<FieldBuilder> FieldBuilders { get; } = [];

    /// <summary>Sets the description.</summary>
    /// <param name="description">Markdown description.</param>
    /// <returns>This builder.</returns>
    public TSelf Description(string description)
    {
        DescriptionText = description;
        return (TSelf)this;
    }

    /// <summary>Declares implemented interfaces.</summary>
    /// <param name="interfaces">Interface names.</param>
    /// <returns>This builder.</returns>
    public TSelf Implements(params string[] interfaces)
    {
        InterfaceNames.AddRange(interfaces);
        return (TSelf)this;
    }

    /// <summary>Adds a field.</summary>
    /// <param name="name">Field name.</param>
    /// <param name="type">Type reference in SDL notation, e.g. <c>[User!]!</c>.</param>
    /// <param name="configure">Sets arguments, resolver, description or deprecation.</param>
    /// <returns>This builder.</returns>
    public TSelf Field(string name, string type, Action<FieldBuilder>? configure = null)
    {
        var field = new FieldBuilder(name, type);
        configure?.Invoke(field);
        FieldBuilders.Add(field);
        return (TSelf)this;
    }
}

/// <summary>Configures an object type.</summary>
public sealed class ObjectTypeBuilder : ComplexTypeBuilder<ObjectTypeBuilder>
{
    internal ObjectTypeBuilder(string name)
        : base(name)
    {
    }

    internal Func<object, bool>? IsTypeOfPredicate { get; private set; }

    /// <summary>Decides whether a value is of this type when the static type is an interface or union.</summary>
    /// <param name="predicate">The test.</param>
    /// <returns>This builder.</returns>
    public ObjectTypeBuilder IsTypeOf(Func<object, bool> predicate)
    {
        IsTypeOfPredicate = predicate;
        return this;
    }

    /// <summary>Values of CLR type <typeparamref name="T"/> are of this GraphQL type.</summary>
    /// <typeparam name="T">The CLR type.</typeparam>
    /// <returns>This builder.</returns>
    public ObjectTypeBuilder IsTypeOf<T>() => IsTypeOf(value => value is T);
}

/// <summary>Configures an interface type.</summary>
public sealed class InterfaceTypeBuilder : ComplexTypeBuilder<InterfaceTypeBuilder>
{
    internal InterfaceTypeBuilder(string name)
        : base(name)
    {
    }

    internal TypeResolver? TypeResolver { get; private set; }

    /// <summary>Chooses the object type of a value; without it, each object type's IsTypeOf is tried.</summary>
    /// <param name="resolver">Returns the object type name.</param>
    /// <returns>This builder.</returns>
    public InterfaceTypeBuilder ResolveType(TypeResolver resolver)
    {
        TypeResolver = resolver;
        return this;
    }
}

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

/// <summary>Configures an enum type.</summary>
public sealed class EnumTypeBuilder
{
    internal EnumTypeBuilder(string name) => Name = name;

    internal string Name { get; }

    internal string? DescriptionText { get; private set; }

    internal List<EnumValueDefinition> ValueDefinitions { get; } = [];

    /// <summary>Sets the description.</summary>
    /// <param name="description">Markdown description.</param>
    /// <returns>This builder.</returns>
    public EnumTypeBuilder Description(string description)
    {
        DescriptionText = description;
        return this;
    }

    /// <summary>Adds a value.</summary>
    /// <param name="name">GraphQL name, conventionally CONSTANT_CASE.</param>
    /// <param name="value">Internal .NET value; defaults to the name.</param>
    /// <param name="description">Description.</param>
    /// <param name="deprecationReason">Why the value is deprecated, or null.</param>
    /// <returns>This builder.</returns>
    public EnumTypeBuilder Value(string name, object? value = null, string? description = null, string? deprecationReason = null)
    {
        ValueDefinitions.Add(new EnumValueDefinition(name, value ?? name, description, deprecationReason));
        return this;
    }

    /// <summary>Adds every member of a CLR enum, named in CONSTANT_CASE.</summary>
    /// <typeparam name="TEnum">The CLR enum.</typeparam>
    /// <returns>This builder.</returns>
    public EnumTypeBuilder Values<TEnum>()
        where TEnum : struct, Enum
    {
        foreach (var member in Enum.GetValues<TEnum>())
        {
            Value(ToConstantCase(member.ToString()), member);
        }

        return this;
    }

    private static string ToConstantCase(string name)
    {
        var builder = new System.Text.StringBuilder();
        for (var i = 0; i < name.Length; i++)
        {
            if (i > 0 && char.IsUpper(name[i]) && !char.IsUpper(name[i - 1]))
            {
                builder.Append('_');
            }

            builder.Append(char.ToUpperInvariant(name[i]));
        }

        return builder.ToString();
    }
}

/// <summary>Configures an input object type.</summary>
public sealed class InputObjectTypeBuilder
{
    internal InputObjectTypeBuilder(string name) => Name = name;

    internal string Name { get; }

    internal string? DescriptionText { get; private set; }

    internal List<InputValueBuilder> FieldBuilders { get; } = [];

    /// <summary>Sets the description.</summary>
    /// <param name="description">Markdown description.</param>
    /// <returns>This builder.</returns>
    public InputObjectTypeBuilder Description(string description)
    {
        DescriptionText = description;
        return this;
    }

    /// <summary>Adds an input field.</summary>
    /// <param name="name">Field name.</param>
    /// <param name="type">Input type reference in SDL notation.</param>
    /// <param name="configure">Sets description, default or deprecation.</param>
    /// <returns>This builder.</returns>
    public InputObjectTypeBuilder Field(string name, string type, Action<InputValueBuilder>? configure = null)
    {
        var field = new InputValueBuilder(name, type);
        configure?.Invoke(field);
        FieldBuilders.Add(field);
        return this;
    }
}

/// <summary>Configures a custom directive.</summary>
public sealed class DirectiveBuilder
{
    internal DirectiveBuilder(string name) => Name = name;

    internal string Name { get; }

    internal string? DescriptionText { get; private set; }

    internal List<string> LocationNames { get; } = [];

    internal bool IsRepeatable { get; private set; }

    internal List<InputValueBuilder> ArgumentBuilders { get; } = [];

    /// <summary>Sets the description.</summary>
    /// <param name="description">Markdown description.</param>
    /// <returns>This builder.</returns>
    public DirectiveBuilder Description(string description)
    {
        DescriptionText = description;
        return this;
    }

    /// <summary>Adds allowed locations, e.g. <c>FIELD</c>.</summary>
    /// <param name="locations">Location names.</param>
    /// <returns>This builder.</returns>
    public DirectiveBuilder Locations(params string[] locations)
    {
        LocationNames.AddRange(locations);
        return this;
    }

    /// <summary>Allows the directive more than once per location.</summary>
    /// <returns>This builder.</returns>
    public DirectiveBuilder Repeatable()
    {
        IsRepeatable = true;
        return this;
    }

    /// <summary>Adds an argument.</summary>
    /// <param name="name">Argument name.</param>
    /// <param name="type">Input type reference.</param>
    /// <param name="configure">Sets description or default.</param>
    /// <returns>This builder.</returns>
    public DirectiveBuilder Argument(string name, string type, Action<InputValueBuilder>? configure = null)
    {
        var argument = new InputValueBuilder(name, type);
        configure?.Invoke(argument);
        ArgumentBuilders.Add(argument);
        return this;
    }
}
