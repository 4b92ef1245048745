using TokenOptimizer.GraphQL.Language;

namespace TokenOptimizer.GraphQL;

/// Turns SDL type definitions into builders; used for the introspection types, whose text comes from graphql-js.
internal static class SdlReader
{
    public static List<object> ReadTypes(string sdl)
    {
        var builders = new List<object>();
        foreach (var definition in Parser.Parse(sdl).Definitions.OfType<TypeDefinitionNode>())
        {
            var description = definition.Description?.Value;
            switch (definition.Kind)
            {
                case TypeDefinitionKind.Object:
                    var objectType = new ObjectTypeBuilder(definition.Name.Value);
                    Fill(objectType, definition, description);
                    builders.Add(objectType);
                    break;
                case TypeDefinitionKind.Interface:
                    var interfaceType = new InterfaceTypeBuilder(definition.Name.Value);
                    Fill(interfaceType, definition, description);
                    builders.Add(interfaceType);
                    break;
                case TypeDefinitionKind.Enum:
                    var enumType = new EnumTypeBuilder(definition.Name.Value);
                    if (description is not null)
                    {
                        enumType.Description(description);
                    }

                    foreach (var value in definition.EnumValues)
                    {
                        enumType.Value(value.Name.Value, description: value.Description?.Value, deprecationReason: Deprecation(value.Directives));
                    }

                    builders.Add(enumType);
                    break;
                default:
                    throw new NotSupportedException(definition.Kind.ToString());
            }
        }

        return builders;
    }

    private static void Fill<TSelf>(ComplexTypeBuilder<TSelf> builder, TypeDefinitionNode definition, string? description)
        where TSelf : ComplexTypeBuilder<TSelf>
    {
        if (description is not null)
        {
            builder.Description(description);
        }

        builder.Implements([.. definition.Interfaces.Select(i => i.Name.Value)]);
        foreach (var field in definition.Fields)
        {
            builder.Field(field.Name.Value, Printer.Print(field.Type), f =>
            {
                if (field.Description is not null)
                {
                    f.Description(field.Description.Value);
                }

                if (Deprecation(field.Directives) is { } reason)
                {
                    f.Deprecated(reason);
                }

                foreach (var argument in field.Arguments)
                {
                    f.Argument(argument.Name.Value, Printer.Print(argument.Type), a =>
                    {
                        if (argument.Description is not null)
                        {
                            a.Description(argument.Description.Value);
                        }

                        if (argument.DefaultValue is not null)
                        {
                            a.DefaultValue(Constant(argument.DefaultValue));
                        }
                    });
                }
            });
        }
    }

    private static string? Deprecation(IReadOnlyList<DirectiveNode> directives)
    {
        var deprecated = directives.FirstOrDefault(d => d.Name.Value == "deprecated");
        if (deprecated is null)
        {
            return null;
        }

        return deprecated.Arguments.FirstOrDefault(a => a.Name.Value == "reason")?.Value is StringValueNode reason
            ? reason.Value
            : SpecifiedDirectives.DefaultDeprecationReason;
    }

    private static object? Constant(ValueNode value) => value switch
    {
        BooleanValueNode b => b.Value,
        IntValueNode i => int.Parse(i.Value, System.Globalization.CultureInfo.InvariantCulture),
        StringValueNode s => s.Value,
        EnumValueNode e => e.Value,
        NullValueNode => null,
        _ => throw new NotSupportedException(value.ToString()),
    };
}
