using System.Collections;
using System.Globalization;
using System.Text;

namespace TokenOptimizer.GraphQL.Language;

/// Prints values and literals the way graphql-js does, for SDL, introspection default values and messages.
internal static class Printer
{
    public static string PrintString(string value)
    {
        var builder = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\b': builder.Append("\\b"); break;
                case '\t': builder.Append("\\t"); break;
                case '\n': builder.Append("\\n"); break;
                case '\f': builder.Append("\\f"); break;
                case '\r': builder.Append("\\r"); break;
                default:
                    if (c < 0x20 || c is >= (char)0x7F and <= (char)0x9F)
                    {
                        builder.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        return builder.Append('"').ToString();
    }

    /// JSON.stringify, as graphql-js uses for inspecting string values in messages.
    public static string PrintJsonString(string value) =>
        System.Text.Json.JsonSerializer.Serialize(value, JsonStringOptions);

    private static readonly System.Text.Json.JsonSerializerOptions JsonStringOptions = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string PrintDescription(string description) =>
        IsPrintableAsBlockString(description) ? BlockString.Print(description) : PrintString(description);

    public static string Print(ValueNode node) => node switch
    {
        VariableNode v => "$" + v.Name.Value,
        IntValueNode i => i.Value,
        FloatValueNode f => f.Value,
        StringValueNode s => s.Block ? BlockString.Print(s.Value) : PrintString(s.Value),
        BooleanValueNode b => b.Value ? "true" : "false",
        NullValueNode => "null",
        EnumValueNode e => e.Value,
        ListValueNode l => "[" + string.Join(", ", l.Values.Select(Print)) + "]",
        ObjectValueNode o => "{" + string.Join(", ", o.Fields.Select(f => f.Name.Value + ": " + Print(f.Value))) + "}",
        _ => throw new InvalidOperationException(node.GetType().Name),
    };

    public static string Print(TypeNode node) => node switch
    {
        NamedTypeNode n => n.Name.Value,
        ListTypeNode l => "[" + Print(l.Type) + "]",
        NonNullTypeNode n => Print(n.Type) + "!",
        _ => throw new InvalidOperationException(node.GetType().Name),
    };

    /// <summary>graphql-js <c>print(astFromValue(value, type))</c>; null when the value has no literal form.</summary>
    public static string? PrintInputValue(object? value, GraphQLType type)
    {
        if (type is NonNullType nonNull)
        {
            var inner = PrintInputValue(value, nonNull.OfType);
            return inner == "null" ? null : inner;
        }

        if (value is null)
        {
            return "null";
        }

        if (type is ListType list)
        {
            if (value is IEnumerable items and not string and not IDictionary<string, object?>)
            {
                var printed = new List<string>();
                foreach (var item in items)
                {
                    var p = PrintInputValue(item, list.OfType);
                    if (p is not null)
                    {
                        printed.Add(p);
                    }
                }

                return "[" + string.Join(", ", printed) + "]";
            }

            return PrintInputValue(value, list.OfType);
        }

        if (type is InputObjectType inputObject)
        {
            if (value is not IReadOnlyDictionary<string, object?> map)
            {
                return null;
            }

            var fields = new List<string>();
            foreach (var field in inputObject.Fields)
            {
                if (map.TryGetValue(field.Name, out var fieldValue))
                {
                    var p = PrintInputValue(fieldValue, field.Type);
                    if (p is not null)
                    {
                        fields.Add(field.Name + ": " + p);
                    }
                }
            }

            return "{" + string.Join(", ", fields) + "}";
        }

        if (type is EnumType enumType)
        {
            return enumType.Serialize(value);
        }

        var scalar = (ScalarType)type;
        var serialized = scalar.Serialize(value);
        switch (serialized)
        {
            case bool b:
                return b ? "true" : "false";
            case string s:
                return scalar == BuiltInScalars.ID && IsIntegerString(s) ? s : PrintString(s);
            default:
                if (Inspect.IsNumber(serialized))
                {
                    var text = serialized is decimal m ? m.ToString(CultureInfo.InvariantCulture) : Inspect.Number(Inspect.ToDouble(serialized));
                    return text;
                }

                return null;
        }
    }

    private static bool IsIntegerString(string s)
    {
        var span = s.AsSpan();
        if (span.Length > 0 && span[0] == '-')
        {
            span = span[1..];
        }

        if (span.Length == 0 || (span[0] == '0' && span.Length > 1))
        {
            return false;
        }

        foreach (var c in span)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsPrintableAsBlockString(string value)
    {
        if (value.Length == 0)
        {
            return true;
        }

        var isEmptyLine = true;
        var hasIndent = false;
        var hasCommonIndent = true;
        var seenNonEmptyLine = false;
        foreach (var c in value)
        {
            switch (c)
            {
                case < '\t' or '\u000B' or '\u000C' or (>= '\u000E' and <= '\u000F') or '\r':
                    return false;
                case '\n':
                    if (isEmptyLine && !seenNonEmptyLine)
                    {
                        return false;
                    }

                    seenNonEmptyLine = true;
                    isEmptyLine = true;
                    hasIndent = false;
                    break;
                case '\t' or ' ':
                    hasIndent = hasIndent || isEmptyLine;
                    break;
                default:
                    hasCommonIndent = hasCommonIndent && hasIndent;
                    isEmptyLine = false;
                    break;
            }
        }

        return !isEmptyLine && !(hasCommonIndent && seenNonEmptyLine);
    }
}
