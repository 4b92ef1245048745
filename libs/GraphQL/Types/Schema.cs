namespace TokenOptimizer.GraphQL;

/// <summary>An immutable, validated GraphQL schema. Create one with <see cref="SchemaBuilder"/>.</summary>
public sealed class Schema
{
    private readonly Dictionary<string, NamedType> _typeMap;
    private readonly Dictionary<string, DirectiveDefinition> _directivesByName;
    private readonly Dictionary<NamedType, List<ObjectType>> _possibleTypes = [];
    private readonly Dictionary<NamedType, HashSet<NamedType>> _subTypes = [];

    internal Schema(
        string? description,
        ObjectType query,
        ObjectType? mutation,
        ObjectType? subscription,
        IReadOnlyList<NamedType> userTypes,
        IReadOnlyList<DirectiveDefinition> directives,
        Dictionary<string, NamedType> allTypes,
        Func<string, GraphQLType> resolveType)
    {
        Description = description;
        QueryType = query;
        MutationType = mutation;
        SubscriptionType = subscription;
        Directives = directives;
        _directivesByName = directives.ToDictionary(d => d.Name);
        Types = OrderTypes(userTypes, directives, allTypes["__Schema"]);
        _typeMap = Types.ToDictionary(t => t.Name);
        SchemaMetaField = new FieldDefinition("__schema", "Access the current type schema of this server.", null)
        {
            Type = resolveType("__Schema!"),
            Resolver = static context => ValueTask.FromResult<object?>(context.Schema),
        };
        TypeMetaField = new FieldDefinition("__type", "Request the type information of a single type.", null)
        {
            Type = resolveType("__Type"),
            Arguments = [new InputValueDefinition("name", null, false, null, null) { Type = resolveType("String!") }],
            Resolver = static context => ValueTask.FromResult<object?>(context.Schema.GetType((string)context.Arguments["name"]!)),
        };
        TypeNameMetaField = new FieldDefinition("__typename", "The name of the current Object type at runtime.", null)
        {
            Type = resolveType("String!"),
            Resolver = static context => ValueTask.FromResult<object?>(context.ParentType.Name),
        };
        IndexPossibleTypes();
        SchemaChecks.Check(this);
    }

    /// <summary>The schema description.</summary>
    public string? Description { get; }

    /// <summary>The query root type.</summary>
    public ObjectType QueryType { get; }

    /// <summary>The mutation root type, if any.</summary>
    public ObjectType? MutationType { get; }

    /// <summary>The subscription root type, if any.</summary>
    public ObjectType? SubscriptionType { get; }

    /// <summary>All named types, in the order graphql-js would list them (user types first, then introspection types).</summary>
    public IReadOnlyList<NamedType> Types { get; }

    /// <summary>All directives, the specified ones first.</summary>
    public IReadOnlyList<DirectiveDefinition> Directives { get; }

    internal FieldDefinition SchemaMetaField { get; }

    internal FieldDefinition TypeMetaField { get; }

    internal FieldDefinition TypeNameMetaField { get; }

    /// <summary>Finds a named type.</summary>
    /// <param name="name">The type name.</param>
    /// <returns>The type, or null.</returns>
    public NamedType? GetType(string name) => _typeMap.GetValueOrDefault(name);

    /// <summary>Finds a directive.</summary>
    /// <param name="name">The directive name without <c>@</c>.</param>
    /// <returns>The directive, or null.</returns>
    public DirectiveDefinition? GetDirective(string name) => _directivesByName.GetValueOrDefault(name);

    /// <summary>The object types a value of an abstract type may have at runtime.</summary>
    /// <param name="abstractType">An interface or union.</param>
    /// <returns>The possible object types.</returns>
    public IReadOnlyList<ObjectType> GetPossibleTypes(NamedType abstractType) =>
        abstractType switch
        {
            UnionType union => union.Types,
            InterfaceType => _possibleTypes.TryGetValue(abstractType, out var types) ? types : [],
            ObjectType objectType => [objectType],
            _ => [],
        };

    /// <summary>Interfaces that implement <paramref name="interfaceType"/>.</summary>
    /// <param name="interfaceType">The interface.</param>
    /// <returns>The implementing interfaces.</returns>
    public IReadOnlyList<InterfaceType> GetImplementingInterfaces(InterfaceType interfaceType) =>
        Types.OfType<InterfaceType>().Where(i => i.Interfaces.Contains(interfaceType)).ToList();

    /// <summary>Whether <paramref name="maybeSubType"/> is a member or implementation of <paramref name="abstractType"/>.</summary>
    /// <param name="abstractType">An interface or union.</param>
    /// <param name="maybeSubType">An object or interface type.</param>
    /// <returns>True when it is a subtype.</returns>
    public bool IsSubType(NamedType abstractType, NamedType maybeSubType) =>
        _subTypes.TryGetValue(abstractType, out var set) && set.Contains(maybeSubType);

    /// <summary>Prints the schema in SDL, byte-for-byte as graphql-js <c>printSchema</c> would.</summary>
    /// <returns>The SDL text.</returns>
    public string PrintSdl() => SchemaPrinter.Print(this);

    internal FieldDefinition? GetFieldDefinition(NamedType parentType, string fieldName)
    {
        if (fieldName == "__schema" && parentType == QueryType)
        {
            return SchemaMetaField;
        }

        if (fieldName == "__type" && parentType == QueryType)
        {
            return TypeMetaField;
        }

        if (fieldName == "__typename" && parentType is ComplexType or UnionType)
        {
            return TypeNameMetaField;
        }

        return (parentType as ComplexType)?.GetField(fieldName);
    }

    private void IndexPossibleTypes()
    {
        foreach (var type in Types)
        {
            if (type is UnionType union)
            {
                _subTypes[union] = [.. union.Types];
            }
            else if (type is ComplexType complex)
            {
                foreach (var implemented in complex.Interfaces)
                {
                    if (!_subTypes.TryGetValue(implemented, out var set))
                    {
                        _subTypes[implemented] = set = [];
                    }

                    set.Add(complex);
                    if (complex is ObjectType objectType)
                    {
                        if (!_possibleTypes.TryGetValue(implemented, out var list))
                        {
                            _possibleTypes[implemented] = list = [];
                        }

                        list.Add(objectType);
                    }
                }
            }
        }
    }

    // Mirrors the GraphQLSchema constructor of graphql-js so that __schema.types and printed SDL
    // come out in the same order as the reference implementation.
    private IReadOnlyList<NamedType> OrderTypes(IReadOnlyList<NamedType> userTypes, IReadOnlyList<DirectiveDefinition> directives, NamedType schemaType)
    {
        var order = new Dictionary<NamedType, long>();
        long counter = 0;
        foreach (var type in userTypes)
        {
            order.TryAdd(type, counter++);
        }

        void Collect(GraphQLType reference)
        {
            var named = reference.Named;
            if (order.ContainsKey(named))
            {
                return;
            }

            order[named] = counter++;
            switch (named)
            {
                case UnionType union:
                    foreach (var member in union.Types)
                    {
                        Collect(member);
                    }

                    break;
                case ComplexType complex:
                    foreach (var implemented in complex.Interfaces)
                    {
                        Collect(implemented);
                    }

                    foreach (var field in complex.Fields)
                    {
                        Collect(field.Type);
                        foreach (var argument in field.Arguments)
                        {
                            Collect(argument.Type);
                        }
                    }

                    break;
                case InputObjectType input:
                    foreach (var field in input.Fields)
                    {
                        Collect(field.Type);
                    }

                    break;
            }
        }

        foreach (var type in userTypes)
        {
            order.Remove(type);
            Collect(type);
        }

        Collect(QueryType);
        if (MutationType is not null)
        {
            Collect(MutationType);
        }

        if (SubscriptionType is not null)
        {
            Collect(SubscriptionType);
        }

        foreach (var directive in directives)
        {
            foreach (var argument in directive.Arguments)
            {
                Collect(argument.Type);
            }
        }

        Collect(schemaType);
        return order.OrderBy(kv => kv.Value).Select(kv => kv.Key).ToList();
    }
}
