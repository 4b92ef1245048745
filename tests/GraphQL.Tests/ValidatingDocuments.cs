using TokenOptimizer.GraphQL.Language;
using TokenOptimizer.GraphQL.Validation;

namespace TokenOptimizer.GraphQL.Tests;

/// One invalid document per rule of the specification's Validation section, with where it must fail.
public class ValidatingDocuments
{
    private static readonly Schema Schema = TestSchema.Build();

    private static List<GraphQLError> Validate(string source) => DocumentValidator.Validate(Schema, Parser.Parse(source));

    [Theory]
    [InlineData("ExecutableDefinitions", "{ hello } type T { a: Int }", "1:11")]
    [InlineData("OperationNameUniqueness", "query A { hello } query A { hello }", "1:7 1:25")]
    [InlineData("LoneAnonymousOperation", "{ hello } query B { hello }", "1:1")]
    [InlineData("SingleRootField", "subscription { ticks(count: 1) t2: ticks(count: 2) }", "1:32")]
    [InlineData("FieldSelections", "{ nope }", "1:3")]
    [InlineData("FieldSelectionMerging", "{ x: hello x: old }", "1:3 1:12")]
    [InlineData("LeafFieldSelections", "{ posts }", "1:3")]
    [InlineData("LeafFieldSelectionsOnScalar", "{ hello { a } }", "1:9")]
    [InlineData("ArgumentNames", "{ hello(nmae: \"x\") }", "1:9")]
    [InlineData("ArgumentUniqueness", "{ hello(name: \"a\", name: \"b\") }", "1:9 1:20")]
    [InlineData("RequiredArguments", "{ post { id } }", "1:3")]
    [InlineData("FragmentNameUniqueness", "{ ...F } fragment F on Query { hello } fragment F on Query { hello }", "1:19 1:49")]
    [InlineData("FragmentSpreadTypeExistence", "{ ... on Nope { hello } }", "1:10")]
    [InlineData("FragmentsOnCompositeTypes", "{ ...F } fragment F on String { a }", "1:24")]
    [InlineData("FragmentsMustBeUsed", "{ hello } fragment F on Query { hello }", "1:11")]
    [InlineData("FragmentSpreadTargetDefined", "{ ...Missing }", "1:6")]
    [InlineData("FragmentSpreadsMustNotFormCycles", "{ ...A } fragment A on Query { ...B } fragment B on Query { ...A }", "1:32 1:61")]
    [InlineData("FragmentSpreadIsPossible", "{ posts { ... on Author { name } } }", "1:11")]
    [InlineData("ValuesOfCorrectType", "{ hello(name: 1) }", "1:15")]
    [InlineData("InputObjectFieldNames", "{ echo(input: { title: \"t\", nope: 1 }) }", "1:29")]
    [InlineData("InputObjectFieldUniqueness", "{ echo(input: { title: \"t\", title: \"u\" }) }", "1:17 1:29")]
    [InlineData("InputObjectRequiredFields", "{ echo(input: { tags: [] }) }", "1:15")]
    [InlineData("DirectivesAreDefined", "{ hello @nope }", "1:9")]
    [InlineData("DirectivesAreInValidLocations", "query Q @skip(if: true) { hello }", "1:9")]
    [InlineData("DirectivesAreUniquePerLocation", "{ hello @skip(if: true) @skip(if: false) }", "1:9 1:25")]
    [InlineData("VariableUniqueness", "query Q($a: String, $a: String) { hello(name: $a) }", "1:10 1:22")]
    [InlineData("VariablesAreInputTypes", "query Q($a: Post) { hello }", "1:13 1:9")]
    [InlineData("AllVariableUsesDefined", "query Q { hello(name: $x) }", "1:23 1:1")]
    [InlineData("AllVariablesUsed", "query Q($x: String) { hello }", "1:9")]
    [InlineData("AllVariableUsagesAreAllowed", "query Q($id: String) { post(id: $id) { id } }", "1:9 1:33")]
    public void InvalidDocument_FailsAtTheOffendingNodes(string rule, string source, string expectedLocations)
    {
        var errors = Validate(source);

        var locations = string.Join(" ", errors.SelectMany(e => e.Locations!).Select(l => $"{l.Line}:{l.Column}"));
        Assert.True(locations == expectedLocations, $"{rule}: expected {expectedLocations}, got {locations} ({string.Join("; ", errors.Select(e => e.Message))})");
        Assert.All(errors, e => Assert.Equal(ErrorCodes.ValidationFailed, e.Code));
    }

    [Theory]
    [InlineData("{ hello old posts { id author { name } } }")]
    [InlineData("query Q($id: ID!, $skip: Boolean = false) { post(id: $id) @skip(if: $skip) { ...P } } fragment P on Post { title }")]
    [InlineData("{ node(id: \"p1\") { id ... on Post { title } ... on Author { name } } search { __typename } }")]
    [InlineData("{ echo(input: { title: \"t\", tags: \"single\" }) }")]
    [InlineData("subscription S { ticks(count: 2) }")]
    public void ValidDocument_HasNoErrors(string source) => Assert.Empty(Validate(source));

    [Fact]
    public void Suggestions_AreOffered()
    {
        var error = Assert.Single(Validate("{ helo }"));

        Assert.Equal("Cannot query field \"helo\" on type \"Query\". Did you mean \"hello\"?", error.Message);
    }
}
