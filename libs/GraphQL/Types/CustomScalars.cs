using System.Globalization;

namespace TokenOptimizer.GraphQL;

/// <summary>Scalars beyond the specification's five that the project's APIs need.</summary>
public static class CustomScalars
{
    /// <summary>An instant as an ISO-8601 string; serialised in UTC with a <c>Z</c> suffix.</summary>
    public static ScalarType DateTime { get; } = new DateTimeScalar();

    /// <summary>An exact decimal number (money), serialised as a string so no client rounds it through a float.</summary>
    public static ScalarType Decimal { get; } = new DecimalScalar();

    /// <summary>A 64-bit signed integer, serialised as a JSON number.</summary>
    public static ScalarType Long { get; } = new LongScalar();

    private sealed class DateTimeScalar() : ScalarType(
        "DateTime",
        "An instant in time as an ISO-8601 string, e.g. `2024-05-01T12:30:00Z`.",
        "https://scalars.graphql.org/andimarek/date-time")
    {
        private const string Format = "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'";

        public override object Serialize(object value) => value switch
        {
            DateTimeOffset instant => instant.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture),
            System.DateTime time => (time.Kind == DateTimeKind.Unspecified ? System.DateTime.SpecifyKind(time, DateTimeKind.Utc) : time)
                .ToUniversalTime().ToString(Format, CultureInfo.InvariantCulture),
            string text => Serialize(Parse(text)),
            _ => throw new GraphQLException($"DateTime cannot represent value: {Inspect.Value(value)}"),
        };

        public override object ParseValue(object value) =>
            value is string text ? Parse(text) : throw new GraphQLException($"DateTime cannot represent a non string value: {Inspect.Value(value)}");

        public override object ParseLiteral(ScalarLiteral literal) =>
            literal.Kind == LiteralKind.String ? Parse(literal.Value) : throw new GraphQLException($"DateTime cannot represent a non string value: {literal}");

        // ISO-8601 with an explicit offset is required: an instant without a zone is ambiguous.
        private static DateTimeOffset Parse(string text)
        {
            if (text.Length >= 20 && text[4] == '-' && text[10] == 'T' &&
                (text.EndsWith('Z') || text[^6] is '+' or '-') &&
                DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var instant))
            {
                return instant;
            }

            throw new GraphQLException($"DateTime cannot represent an invalid date-time string {Inspect.Value(text)}.");
        }
    }

    private sealed class DecimalScalar() : ScalarType(
        "Decimal",
        "An exact decimal number, e.g. a price or a cost, serialised as a string such as `\"12.3456\"` to avoid float rounding.")
    {
        public override object Serialize(object value) => value switch
        {
            decimal exact => exact.ToString(CultureInfo.InvariantCulture),
            int or long or short or byte => Convert.ToDecimal(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture),
            string text => Parse(text).ToString(CultureInfo.InvariantCulture),
            _ => throw new GraphQLException($"Decimal cannot represent value: {Inspect.Value(value)}"),
        };

        public override object ParseValue(object value) => value switch
        {
            decimal exact => exact,
            string text => Parse(text),
            double d when double.IsFinite(d) => (decimal)d,
            _ when Inspect.IsNumber(value) && Inspect.IsIntegral(value) => Convert.ToDecimal(value, CultureInfo.InvariantCulture),
            _ => throw new GraphQLException($"Decimal cannot represent value: {Inspect.Value(value)}"),
        };

        public override object ParseLiteral(ScalarLiteral literal) =>
            literal.Kind is LiteralKind.String or LiteralKind.Int or LiteralKind.Float
                ? Parse(literal.Value)
                : throw new GraphQLException($"Decimal cannot represent value: {literal}");

        private static decimal Parse(string text) =>
            decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var exact)
                ? exact
                : throw new GraphQLException($"Decimal cannot represent value: {Inspect.Value(text)}");
    }

    private sealed class LongScalar() : ScalarType("Long", "A 64-bit signed integer.")
    {
        public override object Serialize(object value) => value switch
        {
            long l => l,
            int or short or byte or uint => Convert.ToInt64(value, CultureInfo.InvariantCulture),
            _ when Inspect.IsNumber(value) && Inspect.IsIntegral(value) && InRange(Inspect.ToDouble(value)) => Convert.ToInt64(value, CultureInfo.InvariantCulture),
            _ => throw new GraphQLException($"Long cannot represent value: {Inspect.Value(value)}"),
        };

        public override object ParseValue(object value) => value switch
        {
            long l => l,
            string text when long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed) => parsed,
            decimal exact when decimal.Truncate(exact) == exact && exact is >= long.MinValue and <= long.MaxValue => (long)exact,
            _ when Inspect.IsNumber(value) && Inspect.IsIntegral(value) && InRange(Inspect.ToDouble(value)) => Convert.ToInt64(value, CultureInfo.InvariantCulture),
            _ => throw new GraphQLException($"Long cannot represent value: {Inspect.Value(value)}"),
        };

        public override object ParseLiteral(ScalarLiteral literal) =>
            literal.Kind is LiteralKind.Int or LiteralKind.String &&
            long.TryParse(literal.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed)
                ? parsed
                : throw new GraphQLException($"Long cannot represent value: {literal}");

        private static bool InRange(double value) => value is >= long.MinValue and <= long.MaxValue;
    }
}
