using TokenOptimizer.GraphQL.Execution;
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

/// §5.2.1.1 Operation Name Uniqueness.
internal sealed class UniqueOperationNamesRule(ValidationContext context) : DocumentVisitor
{
    private readonly Dictionary<string, NameNode> _known = [];

    public override bool Enter(Node node)
    {
        if (node is OperationDefinitionNode { Name: { } name })
        {
            if (_known.TryGetValue(name.Value, out var previous))
            {
                context.Report($"There can be only one operation named \"{name.Value}\".", previous, name);
            }
            else
            {
                _known[name.Value] = name;
            }
        }

        return node is DocumentNode;
    }
}

/// §5.2.2.1 Lone Anonymous Operation.
internal sealed class LoneAnonymousOperationRule(ValidationContext context) : DocumentVisitor
{
    private int _operationCount;

    public override bool Enter(Node node)
    {
        if (node is DocumentNode document)
        {
            _operationCount = document.Definitions.Count(d => d is OperationDefinitionNode);
        }
        else if (node is OperationDefinitionNode { Name: null } operation && _operationCount > 1)
        {
            context.Report("This anonymous operation must be the only defined operation.", operation);
        }

        return true;
    }
}

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

/// §5.4.1.1 Fragment Name Uniqueness.
internal sealed class UniqueFragmentNamesRule(ValidationContext context) : DocumentVisitor
{
    private readonly Dictionary<string, NameNode> _known = [];

    public override bool Enter(Node node)
    {
        if (node is FragmentDefinitionNode fragment)
        {
            var name = fragment.FragmentName;
            if (_known.TryGetValue(name.Value, out var previous))
            {
                context.Report($"There can be only one fragment named \"{name.Value}\".", previous, name);
            }
            else
            {
                _known[name.Value] = name;
            }
        }

        return node is DocumentNode;
    }
}

/// §5.5.2.1 Fragment spread target defined.
internal sealed class KnownFragmentNamesRule(ValidationContext context) : DocumentVisitor
{
    public override bool Enter(Node node)
    {
        if (node is FragmentSpreadNode spread && context.GetFragment(spread.Name.Value) is null)
        {
            context.Report($"Unknown fragment \"{spread.Name.Value}\".", spread.Name);
        }

        return true;
    }
}

/// §5.5.1.4 Fragments Must Be Used.
internal sealed class NoUnusedFragmentsRule(ValidationContext context) : DocumentVisitor
{
    private readonly List<OperationDefinitionNode> _operations = [];
    private readonly List<FragmentDefinitionNode> _fragments = [];

    public override bool Enter(Node node)
    {
        switch (node)
        {
            case OperationDefinitionNode operation:
                _operations.Add(operation);
                return false;
            case FragmentDefinitionNode fragment:
                _fragments.Add(fragment);
                return false;
        }

        return true;
    }

    public override void Leave(Node node)
    {
        if (node is not DocumentNode)
        {
            return;
        }

        var used = new HashSet<string>();
        foreach (var operation in _operations)
        {
            foreach (var fragment in context.GetRecursivelyReferencedFragments(operation))
            {
                used.Add(fragment.FragmentName.Value);
            }
        }

        foreach (var fragment in _fragments)
        {
            if (!used.Contains(fragment.FragmentName.Value))
            {
                context.Report($"Fragment \"{fragment.FragmentName.Value}\" is never used.", fragment);
            }
        }
    }
}

/// §5.5.2.2 Fragment spreads must not form cycles.
internal sealed class NoFragmentCyclesRule(ValidationContext context) : DocumentVisitor
{
    private readonly HashSet<string> _visited = [];
    private readonly List<FragmentSpreadNode> _spreadPath = [];
    private readonly Dictionary<string, int> _spreadPathIndexByName = [];

    public override bool Enter(Node node)
    {
        switch (node)
        {
            case OperationDefinitionNode:
                return false;
            case FragmentDefinitionNode fragment:
                DetectCycle(fragment);
                return false;
        }

        return true;
    }

    private void DetectCycle(FragmentDefinitionNode fragment)
    {
        var name = fragment.FragmentName.Value;
        if (!_visited.Add(name))
        {
            return;
        }

        var spreads = context.GetFragmentSpreads(fragment.SelectionSet);
        if (spreads.Count == 0)
        {
            return;
        }

        _spreadPathIndexByName[name] = _spreadPath.Count;
        foreach (var spread in spreads)
        {
            var spreadName = spread.Name.Value;
            _spreadPath.Add(spread);
            if (!_spreadPathIndexByName.TryGetValue(spreadName, out var cycleIndex))
            {
                if (context.GetFragment(spreadName) is { } spreadFragment)
                {
                    DetectCycle(spreadFragment);
                }
            }
            else
            {
                var cyclePath = _spreadPath.Skip(cycleIndex).ToList();
                var via = string.Join(", ", cyclePath.Take(cyclePath.Count - 1).Select(s => $"\"{s.Name.Value}\""));
                context.Report(
                    $"Cannot spread fragment \"{spreadName}\" within itself" + (via.Length > 0 ? $" via {via}." : "."),
                    [.. cyclePath]);
            }

            _spreadPath.RemoveAt(_spreadPath.Count - 1);
        }

        _spreadPathIndexByName.Remove(name);
    }
}
