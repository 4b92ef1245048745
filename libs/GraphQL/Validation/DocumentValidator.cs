using TokenOptimizer.GraphQL.Language;
using TokenOptimizer.GraphQL.Validation.Rules;

namespace TokenOptimizer.GraphQL.Validation;

/// Runs every rule of the specification's Validation section in one walk (graphql-js specifiedRules order).
internal static class DocumentValidator
{
    public static List<GraphQLError> Validate(Schema schema, DocumentNode document)
    {
        var typeInfo = new TypeInfo(schema);
        var context = new ValidationContext(schema, document, typeInfo);
        DocumentVisitor[] rules =
        [
            new ExecutableDefinitionsRule(context),
            new UniqueOperationNamesRule(context),
            new LoneAnonymousOperationRule(context),
            new SingleFieldSubscriptionsRule(context),
            new KnownTypeNamesRule(context),
            new FragmentsOnCompositeTypesRule(context),
            new VariablesAreInputTypesRule(context),
            new ScalarLeafsRule(context),
            new FieldsOnCorrectTypeRule(context),
            new UniqueFragmentNamesRule(context),
            new KnownFragmentNamesRule(context),
            new NoUnusedFragmentsRule(context),
            new PossibleFragmentSpreadsRule(context),
            new NoFragmentCyclesRule(context),
            new UniqueVariableNamesRule(context),
            new NoUndefinedVariablesRule(context),
            new NoUnusedVariablesRule(context),
            new KnownDirectivesRule(context),
            new UniqueDirectivesPerLocationRule(context),
            new KnownArgumentNamesRule(context),
            new UniqueArgumentNamesRule(context),
            new ValuesOfCorrectTypeRule(context),
            new ProvidedRequiredArgumentsRule(context),
            new VariablesInAllowedPositionRule(context),
            new OverlappingFieldsCanBeMergedRule(context),
            new UniqueInputFieldNamesRule(context),
        ];
        try
        {
            new Walker(typeInfo, rules).Walk(document);
        }
        catch (ValidationAbortedException)
        {
            // The errors so far, and the one saying why there are no more.
        }

        return context.Errors;
    }
}
