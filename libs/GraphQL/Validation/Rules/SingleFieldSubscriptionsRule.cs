using TokenOptimizer.GraphQL.Execution;
using TokenOptimizer.GraphQL.Language;

namespace TokenOptimizer.GraphQL.Validation.Rules;

/// §5.2.3.1 Single Root Field (subscriptions).
internal sealed class SingleFieldSubscriptionsRule(ValidationContext context) : DocumentVisitor
{
    public override bool Enter(Node node)
    {
        if (node is not OperationDefinitionNode { Operation: OperationType.Subscription } operation ||
            context.Schema.SubscriptionType is not { } subscriptionType)
        {
            return true;
        }

        Dictionary<string, List<FieldNode>> fields;
        try
        {
            fields = FieldCollector.Collect(context.Schema, context.Fragments, new Dictionary<string, object?>(), subscriptionType, operation.SelectionSet);
        }
        catch (LocatedException)
        {
            // @skip/@include with a variable cannot be decided without values; other rules report the document.
            return true;
        }

        var name = operation.Name?.Value;
        if (fields.Count > 1)
        {
            context.Report(
                name is not null ? $"Subscription \"{name}\" must select only one top level field." : "Anonymous Subscription must select only one top level field.",
                [.. fields.Values.Skip(1).SelectMany(f => f)]);
        }

        foreach (var fieldNodes in fields.Values)
        {
            if (fieldNodes[0].Name.Value.StartsWith("__", StringComparison.Ordinal))
            {
                context.Report(
                    name is not null
                        ? $"Subscription \"{name}\" must not select an introspection top level field."
                        : "Anonymous Subscription must not select an introspection top level field.",
                    [.. fieldNodes]);
            }
        }

        return true;
    }
}
