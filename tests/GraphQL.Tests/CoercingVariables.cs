namespace TokenOptimizer.GraphQL.Tests;

public class CoercingVariables
{
    [Fact]
    public async Task InputObject_GetsDefaultsAndExactDecimals()
    {
        var json = await TestSchema.RunAsync(
            "query Q($i: PostInput) { echo(input: $i) }",
            new { i = new { title = "T", price = "0.30" } });

        Assert.Equal("""{"data":{"echo":"{\"title\":\"T\",\"tags\":[\"draft\"],\"price\":0.30}"}}""", json);
    }

    [Fact]
    public async Task MissingRequiredVariable_IsABadUserInputError()
    {
        var json = await TestSchema.RunAsync("query Q($id: ID!) { post(id: $id) { id } }");

        Assert.Equal("""{"errors":[{"message":"Variable \"$id\" of required type \"ID!\" was not provided.","locations":[{"line":1,"column":9}],"extensions":{"code":"BAD_USER_INPUT"}}]}""", json);
    }

    [Fact]
    public async Task WrongVariableType_NamesThePath()
    {
        var json = await TestSchema.RunAsync("query Q($i: PostInput) { echo(input: $i) }", new { i = new { title = "T", tags = new object[] { "a", 5 } } });

        Assert.Contains("""at \"i.tags[1]\"; String cannot represent a non string value: 5""", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScalarVariable_IsCoercedToAList()
    {
        var json = await TestSchema.RunAsync("query Q($t: [String!]) { echo(input: {title: \"x\", tags: $t}) }", new { t = "a" });

        Assert.Contains("""[\"a\"]""", json, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2024-02-29T10:00:00+02:00", "2024-02-29T08:00:00Z")]
    [InlineData("2024-02-29T10:00:00.5Z", "2024-02-29T10:00:00.5Z")]
    public void DateTime_RoundTripsInUtc(string input, string expected) =>
        Assert.Equal(expected, CustomScalars.DateTime.Serialize(CustomScalars.DateTime.ParseValue(input)));

    [Theory]
    [InlineData("2024-02-30T10:00:00Z")]
    [InlineData("2024-02-29")]
    [InlineData("2024-02-29T10:00:00")]
    public void DateTime_RejectsInvalidOrZonelessValues(string input) =>
        Assert.Throws<GraphQLException>(() => CustomScalars.DateTime.ParseValue(input));

    [Fact]
    public void Decimal_KeepsEveryDigit() =>
        Assert.Equal("79228162514264337593543950335", CustomScalars.Decimal.Serialize(CustomScalars.Decimal.ParseLiteral(new ScalarLiteral(LiteralKind.Int, "79228162514264337593543950335"))));

    [Fact]
    public void Long_AcceptsValuesBeyondInt() =>
        Assert.Equal(9_000_000_000L, CustomScalars.Long.ParseLiteral(new ScalarLiteral(LiteralKind.Int, "9000000000")));
}
