using System.Text;
using TokenOptimizer.GraphQL.Language;

namespace TokenOptimizer.GraphQL;

/// SDL printing identical to graphql-js printSchema (checked by the conformance suite).
internal static class SchemaPrinter
{
    public static string Print(Schema schema)
    {
        var parts = new List<string>();
        if (PrintSchemaDefinition(schema) is { } definition)
        {
            parts.Add(definition);
        }

        parts.AddRange(schema.Directives.Where(d => !SpecifiedDirectives.Names.Contains(d.Name)).Select(PrintDirective));
        parts.AddRange(schema.Types
            .Where(t => !(t is ScalarType s && BuiltInScalars.IsBuiltIn(s)) && !t.Name.StartsWith("__", StringComparison.Ordinal))
            .Select(PrintType));
        return string.Join("\n\n", parts);
    }

    private static string? PrintSchemaDefinition(Schema schema)
    {
        if (schema.Description is null && schema.QueryType.Name == "Query" &&
            schema.MutationType is null or { Name: "Mutation" } && schema.SubscriptionType is null or { Name: "Subscription" })
        {
            return null;
        }

        var lines = new List<string> { $"  query: {schema.QueryType.Name}" };
        if (schema.MutationType is not null)
        {
            lines.Add($"  mutation: {schema.MutationType.Name}");
        }

        if (schema.SubscriptionType is not null)
        {
            lines.Add($"  subscription: {schema.SubscriptionType.Name}");
        }

        return Description(schema.Description) + "schema {\n" + string.Join("\n", lines) + "\n}";
    }

    private static string PrintType(NamedType type) => type switch
    {
        ScalarType s => Description(s.Description) + "scalar " + s.Name +
            (s.SpecifiedByUrl is null ? "" : $" @specifiedBy(url: {Printer.PrintString(s.SpecifiedByUrl)})"),
        ObjectType o => Description(o.Description) + "type " + o.Name + Implements(o) + Fields(o),
        InterfaceType i => Description(i.Description) + "interface " + i.Name + Implements(i) + Fields(i),
        UnionType u => Description(u.Description) + "union " + u.Name + (u.Types.Count > 0 ? " = " + string.Join(" | ", u.Types.Select(t => t.Name)) : ""),
        EnumType e => Description(e.Description) + "enum " + e.Name + Block(e.Values.Select((v, i) =>
            Description(v.Description, "  ", i == 0) + "  " + v.Name + Deprecated(v.DeprecationReason))),
        InputObjectType i => Description(i.Description) + "input " + i.Name + Block(i.Fields.Select((f, index) =>
            Description(f.Description, "  ", index == 0) + "  " + InputValue(f))),
        _ => throw new InvalidOperationException(type.Name),
    };

    private static string Implements(ComplexType type) =>
        type.Interfaces.Count > 0 ? " implements " + string.Join(" & ", type.Interfaces.Select(i => i.Name)) : "";

    private static string Fields(ComplexType type) => Block(type.Fields.Select((f, i) =>
        Description(f.Description, "  ", i == 0) + "  " + f.Name + Arguments(f.Arguments, "  ") + ": " + f.Type + Deprecated(f.DeprecationReason)));

    private static string Block(IEnumerable<string> items)
    {
        var list = items.ToList();
        return list.Count > 0 ? " {\n" + string.Join("\n", list) + "\n}" : "";
    }

    private static string Arguments(IReadOnlyList<InputValueDefinition> arguments, string indentation = "")
    {
        if (arguments.Count == 0)
        {
            return "";
        }

        if (arguments.All(a => string.IsNullOrEmpty(a.Description)))
        {
            return "(" + string.Join(", ", arguments.Select(InputValue)) + ")";
        }

        var builder = new StringBuilder("(\n");
        builder.AppendJoin("\n", arguments.Select((a, i) => Description(a.Description, "  " + indentation, i == 0) + "  " + indentation + InputValue(a)));
        return builder.Append('\n').Append(indentation).Append(')').ToString();
    }

    private static string InputValue(InputValueDefinition value)
    {
        var declaration = value.Name + ": " + value.Type;
        if (value.HasDefaultValue && Printer.PrintInputValue(value.DefaultValue, value.Type) is { } printed)
        {
            declaration += " = " + printed;
        }

        return declaration + Deprecated(value.DeprecationReason);
    }

    private static string PrintDirective(DirectiveDefinition directive) =>
        Description(directive.Description) + "directive @" + directive.Name + Arguments(directive.Arguments) +
        (directive.IsRepeatable ? " repeatable" : "") + " on " + string.Join(" | ", directive.Locations);

    private static string Deprecated(string? reason) => reason switch
    {
        null => "",
        SpecifiedDirectives.DefaultDeprecationReason => " @deprecated",
        _ => $" @deprecated(reason: {Printer.PrintString(reason)})",
    };

    private static string Description(string? description, string indentation = "", bool firstInBlock = true)
    {
        if (description is null)
        {
            return "";
        }

        var printed = Printer.PrintDescription(description);
        var prefix = indentation.Length > 0 && !firstInBlock ? "\n" + indentation : indentation;
        return prefix + printed.Replace("\n", "\n" + indentation, StringComparison.Ordinal) + "\n";
    }
}
