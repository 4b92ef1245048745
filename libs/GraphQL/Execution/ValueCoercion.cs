using System.Collections;
using TokenOptimizer.GraphQL.Language;

namespace TokenOptimizer.GraphQL.Execution;

/// Input coercion as in the specification (§5.6 values, §6.4.1 variables, §6.4.2 arguments),
/// following graphql-js valueFromAST / coerceInputValue / getVariableValues / getArgumentValues.
internal static class ValueCoercion
{
    /// Marks "no valid value" (graphql-js returns undefined), distinct from a valid null.
    public static readonly object Invalid = new();

    public static GraphQLType? TypeFromAst(Schema schema, TypeNode node) => node switch
    {
        NamedTypeNode named => schema.GetType(named.Name.Value),
        ListTypeNode list => TypeFromAst(schema, list.Type) is { } inner ? new ListType(inner) : null,
        NonNullTypeNode nonNull => TypeFromAst(schema, nonNull.Type) is { } inner ? new NonNullType(inner) : null,
        _ => null,
    };

    public static ScalarLiteral ToScalarLiteral(ValueNode node) => node switch
    {
        IntValueNode i => new ScalarLiteral(LiteralKind.Int, i.Value),
        FloatValueNode f => new ScalarLiteral(LiteralKind.Float, f.Value),
        StringValueNode s => new ScalarLiteral(LiteralKind.String, s.Value),
        BooleanValueNode b => new ScalarLiteral(LiteralKind.Boolean, b.Value ? "true" : "false"),
        EnumValueNode e => new ScalarLiteral(LiteralKind.Enum, e.Value),
        ListValueNode => new ScalarLiteral(LiteralKind.List, Printer.Print(node)),
        ObjectValueNode => new ScalarLiteral(LiteralKind.Object, Printer.Print(node)),
        _ => throw new InvalidOperationException(node.GetType().Name),
    };

    /// Parses a leaf literal; throws GraphQLException with the scalar's or enum's message when invalid.
    public static object ParseLeafLiteral(NamedType type, ValueNode node)
    {
        if (type is EnumType enumType)
        {
            if (node is not EnumValueNode enumNode)
            {
                var printed = Printer.Print(node);
                throw new GraphQLException($"Enum \"{enumType.Name}\" cannot represent non-enum value: {printed}." + EnumHint(enumType, printed));
            }

            return enumType.GetValue(enumNode.Value)?.Value
                ?? throw new GraphQLException($"Value \"{enumNode.Value}\" does not exist in \"{enumType.Name}\" enum." + EnumHint(enumType, enumNode.Value));
        }

        return ((ScalarType)type).ParseLiteral(ToScalarLiteral(node));
    }

    private static string EnumHint(EnumType type, string input) =>
        Suggestions.DidYouMean(Suggestions.For(input, type.Values.Select(v => v.Name)), "the enum value");

    private static bool IsMissingVariable(ValueNode node, IReadOnlyDictionary<string, object?>? variables) =>
        node is VariableNode variable && (variables is null || !variables.ContainsKey(variable.Name.Value));

    public static object? ValueFromAst(ValueNode? node, GraphQLType type, IReadOnlyDictionary<string, object?>? variables)
    {
        switch (node)
        {
            case null:
                return Invalid;
            case VariableNode variable:
                if (variables is null || !variables.TryGetValue(variable.Name.Value, out var variableValue))
                {
                    return Invalid;
                }

                return variableValue is null && type is NonNullType ? Invalid : variableValue;
        }

        if (type is NonNullType nonNull)
        {
            return node is NullValueNode ? Invalid : ValueFromAst(node, nonNull.OfType, variables);
        }

        if (node is NullValueNode)
        {
            return null;
        }

        switch (type)
        {
            case ListType list:
                if (node is ListValueNode listNode)
                {
                    var items = new List<object?>(listNode.Values.Count);
                    foreach (var itemNode in listNode.Values)
                    {
                        if (IsMissingVariable(itemNode, variables))
                        {
                            if (list.OfType is NonNullType)
                            {
                                return Invalid;
                            }

                            items.Add(null);
                            continue;
                        }

                        var item = ValueFromAst(itemNode, list.OfType, variables);
                        if (item == Invalid)
                        {
                            return Invalid;
                        }

                        items.Add(item);
                    }

                    return items;
                }

                var single = ValueFromAst(node, list.OfType, variables);
                return single == Invalid ? Invalid : new List<object?> { single };
            case InputObjectType inputObject:
                if (node is not ObjectValueNode objectNode)
                {
                    return Invalid;
                }

                var result = new Dictionary<string, object?>();
                foreach (var field in inputObject.Fields)
                {
                    var fieldNode = objectNode.Fields.FirstOrDefault(f => f.Name.Value == field.Name);
                    if (fieldNode is null || IsMissingVariable(fieldNode.Value, variables))
                    {
                        if (field.HasDefaultValue)
                        {
                            result[field.Name] = field.DefaultValue;
                        }
                        else if (field.Type is NonNullType)
                        {
                            return Invalid;
                        }

                        continue;
                    }

                    var value = ValueFromAst(fieldNode.Value, field.Type, variables);
                    if (value == Invalid)
                    {
                        return Invalid;
                    }

                    result[field.Name] = value;
                }

                return result;
            default:
                try
                {
                    return ParseLeafLiteral((NamedType)type, node);
                }
                catch (GraphQLException)
                {
                    return Invalid;
                }
        }
    }

    public delegate void InputError(IReadOnlyList<object> path, object? invalidValue, string message);

    public static object? CoerceInputValue(object? input, GraphQLType type, InputError onError, List<object>? path = null)
    {
        path ??= [];
        if (type is NonNullType nonNull)
        {
            if (input is not null)
            {
                return CoerceInputValue(input, nonNull.OfType, onError, path);
            }

            onError(path.ToList(), input, $"Expected non-nullable type \"{type}\" not to be null.");
            return Invalid;
        }

        if (input is null)
        {
            return null;
        }

        switch (type)
        {
            case ListType list:
                if (input is IEnumerable items and not string and not IDictionary<string, object?>)
                {
                    var result = new List<object?>();
                    var index = 0;
                    foreach (var item in items)
                    {
                        path.Add(index++);
                        result.Add(CoerceInputValue(item, list.OfType, onError, path));
                        path.RemoveAt(path.Count - 1);
                    }

                    return result;
                }

                return new List<object?> { CoerceInputValue(input, list.OfType, onError, path) };
            case InputObjectType inputObject:
                if (input is not IReadOnlyDictionary<string, object?> map)
                {
                    onError(path.ToList(), input, $"Expected type \"{inputObject.Name}\" to be an object.");
                    return Invalid;
                }

                var coerced = new Dictionary<string, object?>();
                foreach (var field in inputObject.Fields)
                {
                    if (!map.TryGetValue(field.Name, out var fieldValue))
                    {
                        if (field.HasDefaultValue)
                        {
                            coerced[field.Name] = field.DefaultValue;
                        }
                        else if (field.Type is NonNullType)
                        {
                            onError(path.ToList(), input, $"Field \"{field.Name}\" of required type \"{field.Type}\" was not provided.");
                        }

                        continue;
                    }

                    path.Add(field.Name);
                    coerced[field.Name] = CoerceInputValue(fieldValue, field.Type, onError, path);
                    path.RemoveAt(path.Count - 1);
                }

                foreach (var key in map.Keys)
                {
                    if (inputObject.GetField(key) is null)
                    {
                        onError(path.ToList(), input, $"Field \"{key}\" is not defined by type \"{inputObject.Name}\"." +
                            Suggestions.DidYouMean(Suggestions.For(key, inputObject.Fields.Select(f => f.Name))));
                    }
                }

                return coerced;
            case EnumType enumType:
                if (input is not string name)
                {
                    onError(path.ToList(), input, $"Enum \"{enumType.Name}\" cannot represent non-string value: {Inspect.Value(input)}." +
                        EnumHint(enumType, Inspect.Value(input)));
                    return Invalid;
                }

                if (enumType.GetValue(name) is not { } enumValue)
                {
                    onError(path.ToList(), input, $"Value \"{name}\" does not exist in \"{enumType.Name}\" enum." + EnumHint(enumType, name));
                    return Invalid;
                }

                return enumValue.Value;
            default:
                try
                {
                    return ((ScalarType)type).ParseValue(input);
                }
                catch (GraphQLException error)
                {
                    onError(path.ToList(), input, error.Message);
                    return Invalid;
                }
        }
    }

    public static (Dictionary<string, object?> Values, List<GraphQLError> Errors) CoerceVariableValues(
        Schema schema,
        IReadOnlyList<VariableDefinitionNode> definitions,
        IReadOnlyDictionary<string, object?>? inputs)
    {
        const int MaxErrors = 50;
        var values = new Dictionary<string, object?>();
        var errors = new List<GraphQLError>();
        foreach (var definition in definitions)
        {
            if (errors.Count >= MaxErrors)
            {
                errors.Add(new GraphQLError("Too many errors processing variables, error limit reached. Execution aborted."));
                break;
            }

            var name = definition.Variable.Name.Value;
            var location = new[] { definition.Location.ToSource() };
            var type = TypeFromAst(schema, definition.Type);
            if (type is null || !type.IsInputType)
            {
                errors.Add(new GraphQLError(
                    $"Variable \"${name}\" expected value of type \"{Printer.Print(definition.Type)}\" which cannot be used as an input type.",
                    [definition.Type.Location.ToSource()]));
                continue;
            }

            if (inputs is null || !inputs.TryGetValue(name, out var input))
            {
                if (definition.DefaultValue is not null)
                {
                    values[name] = ValueFromAst(definition.DefaultValue, type, null);
                }
                else if (type is NonNullType)
                {
                    errors.Add(new GraphQLError($"Variable \"${name}\" of required type \"{type}\" was not provided.", location));
                }

                continue;
            }

            if (input is null && type is NonNullType)
            {
                errors.Add(new GraphQLError($"Variable \"${name}\" of non-null type \"{type}\" must not be null.", location));
                continue;
            }

            values[name] = CoerceInputValue(input, type, (path, invalid, message) =>
            {
                var prefix = $"Variable \"${name}\" got invalid value {Inspect.Value(invalid)}";
                if (path.Count > 0)
                {
                    prefix += $" at \"{name}{string.Concat(path.Select(p => p is int i ? $"[{i}]" : $".{p}"))}\"";
                }

                errors.Add(new GraphQLError(prefix + "; " + message, location));
            });
        }

        return (values, errors);
    }

    private static readonly IReadOnlyDictionary<string, object?> NoArguments = new Dictionary<string, object?>();

    public static IReadOnlyDictionary<string, object?> GetArgumentValues(
        IReadOnlyList<InputValueDefinition> definitions,
        IReadOnlyList<ArgumentNode> nodes,
        IReadOnlyDictionary<string, object?>? variables,
        Node owner)
    {
        if (definitions.Count == 0)
        {
            return NoArguments;
        }

        var values = new Dictionary<string, object?>(definitions.Count);
        foreach (var definition in definitions)
        {
            var name = definition.Name;
            var type = definition.Type;
            ArgumentNode? argument = null;
            foreach (var node in nodes)
            {
                if (node.Name.Value == name)
                {
                    argument = node;
                    break;
                }
            }

            if (argument is null)
            {
                if (definition.HasDefaultValue)
                {
                    values[name] = definition.DefaultValue;
                }
                else if (type is NonNullType)
                {
                    throw Located($"Argument \"{name}\" of required type \"{type}\" was not provided.", owner);
                }

                continue;
            }

            var valueNode = argument.Value;
            var isNull = valueNode is NullValueNode;
            if (valueNode is VariableNode variable)
            {
                if (variables is null || !variables.TryGetValue(variable.Name.Value, out var variableValue))
                {
                    if (definition.HasDefaultValue)
                    {
                        values[name] = definition.DefaultValue;
                    }
                    else if (type is NonNullType)
                    {
                        throw Located(
                            $"Argument \"{name}\" of required type \"{type}\" was provided the variable \"${variable.Name.Value}\" which was not provided a runtime value.",
                            valueNode);
                    }

                    continue;
                }

                isNull = variableValue is null;
            }

            if (isNull && type is NonNullType)
            {
                throw Located($"Argument \"{name}\" of non-null type \"{type}\" must not be null.", valueNode);
            }

            var coerced = ValueFromAst(valueNode, type, variables);
            if (coerced == Invalid)
            {
                throw Located($"Argument \"{name}\" has invalid value {Printer.Print(valueNode)}.", valueNode);
            }

            values[name] = coerced;
        }

        return values;
    }

    private static LocatedException Located(string message, Node node) =>
        new(new GraphQLError(message, [node.Location.ToSource()]));
}

/// Carries an error that already has its locations (and maybe its path) up to the executor.
internal sealed class LocatedException(GraphQLError error) : Exception(error.Message)
{
    public GraphQLError Error { get; } = error;
}
