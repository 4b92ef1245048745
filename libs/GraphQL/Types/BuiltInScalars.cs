using System.Globalization;

namespace TokenOptimizer.GraphQL;

/// <summary>The five scalars of the specification, with graphql-js coercion rules and messages.</summary>
public static class BuiltInScalars
{
    /// <summary>32-bit signed integer.</summary>
    public static ScalarType Int { get; } = new IntScalar();

    /// <summary>Double-precision floating point.</summary>
    public static ScalarType Float { get; } = new FloatScalar();

    /// <summary>UTF-8 text.</summary>
    public static ScalarType String { get; } = new StringScalar();

    /// <summary>true or false.</summary>
    public static ScalarType Boolean { get; } = new BooleanScalar();

    /// <summary>Opaque identifier, serialised as a string.</summary>
    public static ScalarType ID { get; } = new IdScalar();

    /// <summary>All five, in the order graphql-js lists them.</summary>
    public static IReadOnlyList<ScalarType> All { get; } = [String, Int, Float, Boolean, ID];

    internal static bool IsBuiltIn(NamedType type) => All.Contains(type);

    // What Int and Float output from a resolver value, as graphql-js coerces it: NaN when it is no number.
    private static double OutputNumber(object value) => value switch
    {
        bool b => b ? 1 : 0,
        string s when s.Length > 0 && double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ when Inspect.IsNumber(value) => Inspect.ToDouble(value),
        _ => double.NaN,
    };

    private sealed class IntScalar() : ScalarType(
        "Int",
        "The `Int` scalar type represents non-fractional signed whole numeric values. Int can represent values between -(2^31) and 2^31 - 1.")
    {
        public override object Serialize(object value)
        {
            var number = OutputNumber(value);
            if (!Inspect.IsIntegral(number))
            {
                throw new GraphQLException($"Int cannot represent non-integer value: {Inspect.Value(value)}");
            }

            if (number is > int.MaxValue or < int.MinValue)
            {
                throw new GraphQLException($"Int cannot represent non 32-bit signed integer value: {Inspect.Value(value)}");
            }

            return (int)number;
        }

        public override object ParseValue(object value)
        {
            if (!Inspect.IsNumber(value) || !Inspect.IsIntegral(value))
            {
                throw new GraphQLException($"Int cannot represent non-integer value: {Inspect.Value(value)}");
            }

            var number = Inspect.ToDouble(value);
            if (number is > int.MaxValue or < int.MinValue)
            {
                throw new GraphQLException($"Int cannot represent non 32-bit signed integer value: {Inspect.Value(value)}");
            }

            return (int)number;
        }

        public override object ParseLiteral(ScalarLiteral literal)
        {
            if (literal.Kind != LiteralKind.Int)
            {
                throw new GraphQLException($"Int cannot represent non-integer value: {literal}");
            }

            if (!int.TryParse(literal.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
            {
                throw new GraphQLException($"Int cannot represent non 32-bit signed integer value: {literal.Value}");
            }

            return number;
        }
    }

    private sealed class FloatScalar() : ScalarType(
        "Float",
        "The `Float` scalar type represents signed double-precision fractional values as specified by [IEEE 754](https://en.wikipedia.org/wiki/IEEE_floating_point).")
    {
        public override object Serialize(object value)
        {
            var number = OutputNumber(value);
            return double.IsFinite(number)
                ? number
                : throw new GraphQLException($"Float cannot represent non numeric value: {Inspect.Value(value)}");
        }

        public override object ParseValue(object value) =>
            Inspect.IsNumber(value) && double.IsFinite(Inspect.ToDouble(value))
                ? Inspect.ToDouble(value)
                : throw new GraphQLException($"Float cannot represent non numeric value: {Inspect.Value(value)}");

        public override object ParseLiteral(ScalarLiteral literal) =>
            literal.Kind is LiteralKind.Int or LiteralKind.Float
                ? double.Parse(literal.Value, NumberStyles.Float, CultureInfo.InvariantCulture)
                : throw new GraphQLException($"Float cannot represent non numeric value: {literal}");
    }

    private sealed class StringScalar() : ScalarType(
        "String",
        "The `String` scalar type represents textual data, represented as UTF-8 character sequences. The String type is most often used by GraphQL to represent free-form human-readable text.")
    {
        public override object Serialize(object value) => value switch
        {
            string s => s,
            bool b => b ? "true" : "false",
            char c => c.ToString(),
            Guid g => g.ToString(),
            _ when Inspect.IsNumber(value) && double.IsFinite(Inspect.ToDouble(value)) =>
                value is decimal m ? m.ToString(CultureInfo.InvariantCulture) : Inspect.Number(Inspect.ToDouble(value)),
            Enum e => e.ToString(),
            _ => throw new GraphQLException($"String cannot represent value: {Inspect.Value(value)}"),
        };

        public override object ParseValue(object value) =>
            value as string ?? throw new GraphQLException($"String cannot represent a non string value: {Inspect.Value(value)}");

        public override object ParseLiteral(ScalarLiteral literal) =>
            literal.Kind == LiteralKind.String
                ? literal.Value
                : throw new GraphQLException($"String cannot represent a non string value: {literal}");
    }

    private sealed class BooleanScalar() : ScalarType("Boolean", "The `Boolean` scalar type represents `true` or `false`.")
    {
        public override object Serialize(object value) => value switch
        {
            bool b => b,
            _ when Inspect.IsNumber(value) && double.IsFinite(Inspect.ToDouble(value)) => Inspect.ToDouble(value) != 0,
            _ => throw new GraphQLException($"Boolean cannot represent a non boolean value: {Inspect.Value(value)}"),
        };

        public override object ParseValue(object value) =>
            value as bool? ?? throw new GraphQLException($"Boolean cannot represent a non boolean value: {Inspect.Value(value)}");

        public override object ParseLiteral(ScalarLiteral literal) =>
            literal.Kind == LiteralKind.Boolean
                ? literal.Value == "true"
                : throw new GraphQLException($"Boolean cannot represent a non boolean value: {literal}");
    }

    private sealed class IdScalar() : ScalarType(
        "ID",
        "The `ID` scalar type represents a unique identifier, often used to refetch an object or as key for a cache. The ID type appears in a JSON response as a String; however, it is not intended to be human-readable. When expected as an input type, any string (such as `\"4\"`) or integer (such as `4`) input value will be accepted as an ID.")
    {
        public override object Serialize(object value) => value switch
        {
            string s => s,
            Guid g => g.ToString(),
            _ when Inspect.IsNumber(value) && Inspect.IsIntegral(value) => Inspect.Number(Inspect.ToDouble(value)),
            _ => throw new GraphQLException($"ID cannot represent value: {Inspect.Value(value)}"),
        };

        public override object ParseValue(object value) => value switch
        {
            string s => s,
            _ when Inspect.IsNumber(value) && Inspect.IsIntegral(value) => Inspect.Number(Inspect.ToDouble(value)),
            _ => throw new GraphQLException($"ID cannot represent value: {Inspect.Value(value)}"),
        };

        public override object ParseLiteral(ScalarLiteral literal) =>
            literal.Kind is LiteralKind.String or LiteralKind.Int
                ? literal.Value
                : throw new GraphQLException($"ID cannot represent a non-string and non-integer value: {literal}");
    }
}
