namespace TokenOptimizer.GraphQL;

/// Type-system rules that code-first definitions can break; checked once when the schema is built.
internal static class SchemaChecks
{
    public static void Check(Schema schema)
    {
        foreach (var type in schema.Types.OfType<ComplexType>())
        {
            foreach (var implemented in type.Interfaces)
            {
                foreach (var field in implemented.Fields)
                {
                    var own = type.GetField(field.Name) ?? throw new InvalidOperationException(
                        $"Interface field {implemented.Name}.{field.Name} expected but {type.Name} does not provide it.");
                    if (!IsCovariant(schema, own.Type, field.Type))
                    {
                        throw new InvalidOperationException(
                            $"Interface field {implemented.Name}.{field.Name} expects type {field.Type} but {type.Name}.{field.Name} is type {own.Type}.");
                    }

                    foreach (var argument in field.Arguments)
                    {
                        if (own.GetArgument(argument.Name) is null)
                        {
                            throw new InvalidOperationException(
                                $"Interface field argument {implemented.Name}.{field.Name}({argument.Name}:) expected but {type.Name}.{field.Name} does not provide it.");
                        }
                    }
                }
            }
        }
    }

    internal static bool IsCovariant(Schema schema, GraphQLType maybeSub, GraphQLType super)
    {
        if (ReferenceEquals(maybeSub.Named, super.Named) && maybeSub.ToString() == super.ToString())
        {
            return true;
        }

        if (super is NonNullType superNonNull)
        {
            return maybeSub is NonNullType subNonNull && IsCovariant(schema, subNonNull.OfType, superNonNull.OfType);
        }

        if (maybeSub is NonNullType nonNull)
        {
            return IsCovariant(schema, nonNull.OfType, super);
        }

        if (super is ListType superList)
        {
            return maybeSub is ListType subList && IsCovariant(schema, subList.OfType, superList.OfType);
        }

        return maybeSub is NamedType named && super is NamedType superNamed && maybeSub is not ListType &&
               schema.IsSubType(superNamed, named);
    }
}
