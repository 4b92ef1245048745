using TokenOptimizer.GraphQL.Language;

namespace TokenOptimizer.GraphQL.Validation.Rules;

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
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
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
