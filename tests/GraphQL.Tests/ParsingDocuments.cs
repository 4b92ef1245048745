using TokenOptimizer.GraphQL.Language;

namespace TokenOptimizer.GraphQL.Tests;

public class ParsingDocuments
{
    [Fact]
    public void EveryNode_CarriesLineAndColumn()
    {
        var document = Parser.Parse("query Q($id: ID = \"x\") {\n  alias: user(id: $id) @include(if: true) {\n    ...F\n  }\n}\nfragment F on User { name }");

        var operation = Assert.IsType<OperationDefinitionNode>(document.Definitions[0]);
        var field = Assert.IsType<FieldNode>(operation.SelectionSet.Selections[0]);
        Assert.Equal((2, 3), (field.Location.Line, field.Location.Column));
        Assert.Equal((2, 10), (field.Name.Location.Line, field.Name.Location.Column));
        Assert.Equal((2, 24), (field.Directives[0].Location.Line, field.Directives[0].Location.Column));
        var spread = Assert.IsType<FragmentSpreadNode>(field.SelectionSet!.Selections[0]);
        Assert.Equal((3, 5), (spread.Location.Line, spread.Location.Column));
        Assert.Equal((6, 1), (document.Definitions[1].Location.Line, document.Definitions[1].Location.Column));
    }

    [Fact]
    public void AllLiteralForms_AreParsed()
    {
        var value = Assert.IsType<ObjectValueNode>(Parser.ParseValue("{i: -12, f: 1.5e3, s: \"a\\u00e9\", b: true, n: null, e: RED, l: [1, [2]], v: $x, o: {k: \"\"\"block\"\"\"}}"));

        Assert.Collection(
            value.Fields.Select(f => f.Value),
            v => Assert.Equal("-12", Assert.IsType<IntValueNode>(v).Value),
            v => Assert.Equal("1.5e3", Assert.IsType<FloatValueNode>(v).Value),
            v => Assert.Equal("aé", Assert.IsType<StringValueNode>(v).Value),
            v => Assert.True(Assert.IsType<BooleanValueNode>(v).Value),
            v => Assert.IsType<NullValueNode>(v),
            v => Assert.Equal("RED", Assert.IsType<EnumValueNode>(v).Value),
            v => Assert.Equal(2, Assert.IsType<ListValueNode>(v).Values.Count),
            v => Assert.Equal("x", Assert.IsType<VariableNode>(v).Name.Value),
            v => Assert.True(Assert.IsType<StringValueNode>(Assert.IsType<ObjectValueNode>(v).Fields[0].Value).Block));
    }

    [Fact]
    public void BlockString_IsDedented()
    {
        var value = Assert.IsType<StringValueNode>(Parser.ParseValue("\"\"\"\n    Hello,\n      World!\n\n    Yours\n  \"\"\""));

        Assert.Equal("Hello,\n  World!\n\nYours", value.Value);
    }

    [Fact]
    public void TypeSystemLanguage_IsParsed()
    {
        var document = Parser.Parse("""
            "A thing" type Thing implements Node & Named @key(fields: "id") { id: ID! "the name" name(upper: Boolean = false): String @deprecated }
            interface Node { id: ID! }
            union U = | A | B
            enum E { A B @deprecated(reason: "x") }
            input I { a: Int = 1 }
            scalar S @specifiedBy(url: "u")
            directive @key(fields: String!) repeatable on OBJECT | INTERFACE
            schema { query: Thing }
            extend type Thing { more: Int }
            """);

        Assert.Equal(9, document.Definitions.Count);
        var thing = Assert.IsType<TypeDefinitionNode>(document.Definitions[0]);
        Assert.Equal(["Node", "Named"], thing.Interfaces.Select(i => i.Name.Value));
        Assert.Equal("A thing", thing.Description!.Value);
        Assert.True(Assert.IsType<DirectiveDefinitionNode>(document.Definitions[6]).Repeatable);
        Assert.True(Assert.IsType<TypeDefinitionNode>(document.Definitions[8]).IsExtension);
    }

    [Theory]
    [InlineData("{ hello", 1, 8, "Expected Name, found <EOF>.")]
    [InlineData("{ hello(a: 'x') }", 1, 12, "Unexpected single quote character (')")]
    [InlineData("{\n  a(v: 012)\n}", 2, 9, "Invalid number, unexpected digit after 0")]
    [InlineData("query Q($a: Int = $b) { a }", 1, 19, "Unexpected variable \"$b\" in constant value.")]
    [InlineData("{ a(s: \"abc) }", 1, 15, "Unterminated string.")]
    [InlineData("fragment on on T { a }", 1, 10, "Unexpected Name \"on\".")]
    public void SyntaxError_ReportsLocationAndReason(string source, int line, int column, string message)
    {
        var error = Assert.Throws<GraphQLSyntaxException>(() => Parser.Parse(source));

        Assert.Equal(new SourceLocation(line, column), error.Location);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SyntaxError_IsReturnedAsParseFailedError()
    {
        var json = await TestSchema.RunAsync("{ hello(");

        Assert.Equal("""{"errors":[{"message":"Syntax Error: Expected Name, found <EOF>.","locations":[{"line":1,"column":9}],"extensions":{"code":"GRAPHQL_PARSE_FAILED"}}]}""", json);
    }
}
