using TokenOptimizer.GraphQL.Execution;
using TokenOptimizer.GraphQL.Language;

namespace TokenOptimizer.GraphQL.Validation.Rules;

/// §5.8.2 Variables Are Input Types.
internal sealed class VariablesAreInputTypesRule(ValidationContext context) : DocumentVisitor
{
    public override bool Enter(Node node)
    {
        if (node is VariableDefinitionNode definition &&
            ValueCoercion.TypeFromAst(context.Schema, definition.Type) is { IsInputType: false })
        {
            context.Report(
                $"Variable \"${definition.Variable.Name.Value}\" cannot be non-input type \"{Printer.Print(definition.Type)}\".",
                definition.Type);
        }

        return true;
    }
}
