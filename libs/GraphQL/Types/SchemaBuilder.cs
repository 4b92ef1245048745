using TokenOptimizer.GraphQL.Introspection;
using TokenOptimizer.GraphQL.Language;

namespace TokenOptimizer.GraphQL;

/// <summary>
/// Defines a schema in code. Types refer to each other by name (<c>"[User!]!"</c>), so they may be
/// declared in any order; <see cref="Build"/> resolves the references and checks them.
/// </summary>
public sealed class SchemaBuilder
{
    private readonly List<object> _types = [];
    private readonly List<DirectiveBuilder> _directives = [];
    private string? _description;
    private string? _query;
    private string? _mutation;
    private string? _subscription;

    /// <summary>Sets the schema description.</summary>
    /// <param name="description">Markdown description.</param>
    /// <returns>This builder.</returns>
    public SchemaBuilder Description(string description)
    {
        _description = description;
        return this;
    }

    /// <summary>Names the query root type (default: a type named <c>Query</c>).</summary>
    /// <param name="typeName">Object type name.</param>
    /// <returns>This builder.</returns>
    public SchemaBuilder QueryType(string typeName)
    {
        _query = typeName;
        return this;
    }

    /// <summary>Names the mutation root type (default: a type named <c>Mutation</c>, if any).</summary>
    /// <param name="typeName">Object type name.</param>
    /// <returns>This builder.</returns>
    public SchemaBuilder MutationType(string typeName)
    {
        _mutation = typeName;
        return this;
    }

    /// <summary>Names the subscription root type (default: a type named <c>Subscription</c>, if any).</summary>
    /// <param name="typeName">Object type name.</param>
    /// <returns>This builder.</returns>
    public SchemaBuilder SubscriptionType(string typeName)
    {
        _subscription = typeName;
        return this;
    }

    /// <summary>Adds an object type.</summary>
    /// <param name="name">Type name.</param>
    /// <param name="configure">Declares fields and interfaces.</param>
    /// <returns>This builder.</returns>
    public SchemaBuilder Object(string name, Action<ObjectTypeBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var builder = new ObjectTypeBuilder(name);
        configure(builder);
        _types.Add(builder);
        return this;
    }

    /// <summary>Adds an interface type.</summary>
    /// <param name="name">Type name.</param>
    /// <param name="configure">Declares fields.</param>
    /// <returns>This builder.</returns>
    public SchemaBuilder Interface(string name, Action<InterfaceTypeBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var builder = new InterfaceTypeBuilder(name);
        configure(builder);
        _types.Add(builder);
        return this;
    }

    /// <summary>Adds a union type.</summary>
    /// <param name="name">Type name.</param>
    /// <param name="configure">Declares members.</param>
    /// <returns>This builder.</returns>
    public SchemaBuilder Union(string name, Action<UnionTypeBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var builder = new UnionTypeBuilder(name);
        configure(builder);
        _types.Add(builder);
        return this;
    }

    /// <summary>Adds an enum type.</summary>
    /// <param name="name">Type name.</param>
    /// <param name="configure">Declares values.</param>
    /// <returns>This builder.</returns>
    public SchemaBuilder Enum(string name, Action<EnumTypeBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var builder = new EnumTypeBuilder(name);
        configure(builder);
        _types.Add(builder);
        return this;
    }

    /// <summary>Adds an input object type.</summary>
    /// <param name="name">Type name.</param>
    /// <param name="configure">Declares fields.</param>
    /// <returns>This builder.</returns>
    public SchemaBuilder InputObject(string name, Action<InputObjectTypeBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var builder = new InputObjectTypeBuilder(name);
        configure(builder);
        _types.Add(builder);
        return this;
    }

    /// <summary>Adds a custom scalar, e.g. <see cref="CustomScalars.DateTime"/>.</summary>
    /// <param name="scalar">The scalar.</param>
    /// <returns>This builder.</returns>
    public SchemaBuilder Scalar(ScalarType scalar)
    {
        _types.Add(scalar);
        return this;
    }

    /// <summary>Adds a custom directive.</summary>
    /// <param name="name">Directive name without <c>@</c>.</param>
    /// <param name="configure">Declares locations and arguments.</param>
    /// <returns>This builder.</returns>
    public SchemaBuilder Directive(string name, Action<DirectiveBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var builder = new DirectiveBuilder(name);
        configure(builder);
        _directives.Add(builder);
        return this;
    }

    /// <summary>Resolves all type references and creates the immutable schema.</summary>
    /// <returns>The schema.</returns>
    /// <exception cref="InvalidOperationException">A reference is unknown or a rule of the type system is broken.</exception>
    public Schema Build()
    {
        var introspectionBuilders = IntrospectionTypes.Builders();
        var named = new Dictionary<string, NamedType>();
        foreach (var scalar in BuiltInScalars.All)
        {
            named[scalar.Name] = scalar;
        }

        var userTypes = new List<NamedType>();
        foreach (var builder in _types.Concat(introspectionBuilders))
        {
            var type = Create(builder);
            if (named.TryGetValue(type.Name, out var existing) && !(existing is ScalarType && BuiltInScalars.IsBuiltIn(existing)))
            {
                throw new InvalidOperationException($"Schema must contain uniquely named types but contains multiple types named \"{type.Name}\".");
            }

            named[type.Name] = type;
            if (!introspectionBuilders.Contains(builder))
            {
                userTypes.Add(type);
            }
        }

        GraphQLType ResolveType(string reference) => Resolve(Parser.ParseType(reference), named);

        foreach (var builder in _types.Concat(introspectionBuilders))
        {
            Complete(builder, named, ResolveType);
        }

        var directives = SpecifiedDirectives.Builders().Concat(_directives)
            .Select(d => new DirectiveDefinition(d.Name, d.DescriptionText, d.LocationNames, d.IsRepeatable)
            {
                Arguments = d.ArgumentBuilders.Select(a => a.Build(ResolveType, "@" + d.Name)).ToList(),
            })
            .ToList();

        var query = Root(_query ?? "Query", named, _query is not null) ?? throw new InvalidOperationException("Query root type must be provided.");
        var mutation = Root(_mutation ?? "Mutation", named, _mutation is not null);
        var subscription = Root(_subscription ?? "Subscription", named, _subscription is not null);
        return new Schema(_description, query, mutation, subscription, userTypes, directives, named, ResolveType);
    }

    private static ObjectType? Root(string name, Dictionary<string, NamedType> named, bool required)
    {
        if (named.TryGetValue(name, out var type))
        {
            return type as ObjectType ?? throw new InvalidOperationException($"Root type {name} must be an object type.");
        }

        return required ? throw new InvalidOperationException($"Unknown root type {name}.") : null;
    }

    private static NamedType Create(object builder) => builder switch
    {
        ObjectTypeBuilder o => new ObjectType(o.Name, o.DescriptionText) { IsTypeOf = o.IsTypeOfPredicate },
        InterfaceTypeBuilder i => new InterfaceType(i.Name, i.DescriptionText) { ResolveType = i.TypeResolver },
        UnionTypeBuilder u => new UnionType(u.Name, u.DescriptionText) { ResolveType = u.TypeResolver },
        EnumTypeBuilder e => new EnumType(e.Name, e.DescriptionText, e.ValueDefinitions),
        InputObjectTypeBuilder i => new InputObjectType(i.Name, i.DescriptionText),
        ScalarType s => s,
        _ => throw new InvalidOperationException(builder.GetType().Name),
    };

    private static void Complete(object builder, Dictionary<string, NamedType> named, Func<string, GraphQLType> resolveType)
    {
        switch (builder)
        {
            case ObjectTypeBuilder o:
                CompleteComplex((ComplexType)named[o.Name], o.InterfaceNames, o.FieldBuilders, named, resolveType);
                break;
            case InterfaceTypeBuilder i:
                CompleteComplex((ComplexType)named[i.Name], i.InterfaceNames, i.FieldBuilders, named, resolveType);
                break;
            case UnionTypeBuilder u:
                ((UnionType)named[u.Name]).Types = u.MemberNames
                    .Select(n => resolveType(n) as ObjectType ?? throw new InvalidOperationException($"Union type {u.Name} can only include Object types, it cannot include {n}."))
                    .ToList();
                break;
            case InputObjectTypeBuilder i:
                ((InputObjectType)named[i.Name]).SetFields(i.FieldBuilders.Select(f => f.Build(resolveType, i.Name)).ToList());
                break;
        }
    }

    private static void CompleteComplex(
        ComplexType type,
        List<string> interfaces,
        List<FieldBuilder> fields,
        Dictionary<string, NamedType> named,
        Func<string, GraphQLType> resolveType)
    {
        type.Interfaces = interfaces
            .Select(n => resolveType(n) as InterfaceType ?? throw new InvalidOperationException($"Type {type.Name} must only implement Interface types, it cannot implement {n}."))
            .ToList();
        type.SetFields(fields.Select(f => f.Build(resolveType, type.Name)).ToList());
        if (type.Fields.Count == 0)
        {
            throw new InvalidOperationException($"Type {type.Name} must define one or more fields.");
        }
    }

    private static GraphQLType Resolve(TypeNode node, Dictionary<string, NamedType> named) => node switch
    {
        NamedTypeNode n => named.TryGetValue(n.Name.Value, out var type) ? type : throw new InvalidOperationException($"Unknown type \"{n.Name.Value}\"."),
        ListTypeNode l => new ListType(Resolve(l.Type, named)),
        NonNullTypeNode n => new NonNullType(Resolve(n.Type, named)),
        _ => throw new InvalidOperationException(node.ToString()),
    };
}
