using TokenOptimizer.GraphQL.Language;

namespace TokenOptimizer.GraphQL.Validation.Rules;

/// §5.1.1 Executable Definitions.
internal sealed class ExecutableDefinitionsRule(ValidationContext context) : DocumentVisitor
{
    public override bool Enter(Node node)
    {
        if (node is not DocumentNode document)
        {
            return true;
        }

        foreach (var definition in document.Definitions)
        {
            if (definition is ExecutableDefinitionNode)
            {
                continue;
            }

            var name = definition switch
            {
                SchemaDefinitionNode or SchemaExtensionNode => "schema",
                TypeDefinitionNode type => $"\"{type.Name.Value}\"",
                DirectiveDefinitionNode directive => $"\"{directive.Name.Value}\"",
                _ => "unknown",
            };
            context.Report($"The {name} definition is not executable.", definition);
        }

        return false;
    }
}
