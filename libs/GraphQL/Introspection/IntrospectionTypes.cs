using TokenOptimizer.GraphQL.Language;

namespace TokenOptimizer.GraphQL.Introspection;

/// The __Schema, __Type, … types. Definitions come from graphql-js (embedded SDL); resolvers read our type objects.
internal static class IntrospectionTypes
{
    private static readonly string Sdl = ReadSdl();

    public static List<object> Builders()
    {
        var builders = SdlReader.ReadTypes(Sdl);
        var byName = builders.OfType<ObjectTypeBuilder>().ToDictionary(b => b.Name);

        On(byName["__Schema"], new()
        {
            ["description"] = c => c.Schema.Description,
            ["types"] = c => c.Schema.Types,
            ["queryType"] = c => c.Schema.QueryType,
            ["mutationType"] = c => c.Schema.MutationType,
            ["subscriptionType"] = c => c.Schema.SubscriptionType,
            ["directives"] = c => c.Schema.Directives,
        });
        On(byName["__Type"], new()
        {
            ["kind"] = c => Kind((GraphQLType)c.Source!),
            ["name"] = c => (c.Source as NamedType)?.Name,
            ["description"] = c => (c.Source as NamedType)?.Description,
            ["specifiedByURL"] = c => (c.Source as ScalarType)?.SpecifiedByUrl,
            ["fields"] = c => (c.Source as ComplexType)?.Fields.Where(f => IncludeDeprecated(c) || f.DeprecationReason is null).ToList(),
            ["interfaces"] = c => (c.Source as ComplexType)?.Interfaces,
            ["possibleTypes"] = c => c.Source is UnionType or InterfaceType ? c.Schema.GetPossibleTypes((NamedType)c.Source) : null,
            ["enumValues"] = c => (c.Source as EnumType)?.Values.Where(v => IncludeDeprecated(c) || v.DeprecationReason is null).ToList(),
            ["inputFields"] = c => (c.Source as InputObjectType)?.Fields.Where(f => IncludeDeprecated(c) || f.DeprecationReason is null).ToList(),
            ["ofType"] = c => c.Source switch
            {
                ListType list => list.OfType,
                NonNullType nonNull => nonNull.OfType,
                _ => null,
            },
        });
        On(byName["__Field"], new()
        {
            ["name"] = c => ((FieldDefinition)c.Source!).Name,
            ["description"] = c => ((FieldDefinition)c.Source!).Description,
            ["args"] = c => ((FieldDefinition)c.Source!).Arguments.Where(a => IncludeDeprecated(c) || a.DeprecationReason is null).ToList(),
            ["type"] = c => ((FieldDefinition)c.Source!).Type,
            ["isDeprecated"] = c => ((FieldDefinition)c.Source!).DeprecationReason is not null,
            ["deprecationReason"] = c => ((FieldDefinition)c.Source!).DeprecationReason,
        });
        On(byName["__InputValue"], new()
        {
            ["name"] = c => ((InputValueDefinition)c.Source!).Name,
            ["description"] = c => ((InputValueDefinition)c.Source!).Description,
            ["type"] = c => ((InputValueDefinition)c.Source!).Type,
            ["defaultValue"] = c => c.Source is InputValueDefinition { HasDefaultValue: true } value
                ? Printer.PrintInputValue(value.DefaultValue, value.Type)
                : null,
            ["isDeprecated"] = c => ((InputValueDefinition)c.Source!).DeprecationReason is not null,
            ["deprecationReason"] = c => ((InputValueDefinition)c.Source!).DeprecationReason,
        });
        On(byName["__EnumValue"], new()
        {
            ["name"] = c => ((EnumValueDefinition)c.Source!).Name,
            ["description"] = c => ((EnumValueDefinition)c.Source!).Description,
            ["isDeprecated"] = c => ((EnumValueDefinition)c.Source!).DeprecationReason is not null,
            ["deprecationReason"] = c => ((EnumValueDefinition)c.Source!).DeprecationReason,
        });
        On(byName["__Directive"], new()
        {
            ["name"] = c => ((DirectiveDefinition)c.Source!).Name,
            ["description"] = c => ((DirectiveDefinition)c.Source!).Description,
            ["isRepeatable"] = c => ((DirectiveDefinition)c.Source!).IsRepeatable,
            ["locations"] = c => ((DirectiveDefinition)c.Source!).Locations,
            ["args"] = c => ((DirectiveDefinition)c.Source!).Arguments.Where(a => IncludeDeprecated(c) || a.DeprecationReason is null).ToList(),
        });
        return builders;
    }

    private static bool IncludeDeprecated(ResolveContext context) =>
        context.Arguments.TryGetValue("includeDeprecated", out var value) && value is true;

    private static string Kind(GraphQLType type) => type switch
    {
        ScalarType => "SCALAR",
        ObjectType => "OBJECT",
        InterfaceType => "INTERFACE",
        UnionType => "UNION",
        EnumType => "ENUM",
        InputObjectType => "INPUT_OBJECT",
        ListType => "LIST",
        NonNullType => "NON_NULL",
        _ => throw new InvalidOperationException(type.ToString()),
    };

    private static void On(ObjectTypeBuilder builder, Dictionary<string, Func<ResolveContext, object?>> resolvers)
    {
        foreach (var field in builder.FieldBuilders)
        {
            field.Resolve(resolvers[field.Name]);
        }
    }

    private static string ReadSdl()
    {
        using var stream = typeof(IntrospectionTypes).Assembly.GetManifestResourceStream("TokenOptimizer.GraphQL.Introspection.graphql")
            ?? throw new InvalidOperationException("The introspection SDL resource is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
