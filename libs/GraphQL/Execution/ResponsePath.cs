namespace TokenOptimizer.GraphQL.Execution;

/// An immutable linked path from the response root, shared by siblings so that building it is O(1).
internal sealed class ResponsePath(ResponsePath? previous, object key)
{
    public ResponsePath? Previous { get; } = previous;

    public object Key { get; } = key;

    public IReadOnlyList<object> ToList()
    {
        var list = new List<object>();
        for (var node = this; node is not null; node = node.Previous)
        {
            list.Add(node.Key);
        }

        list.Reverse();
        return list;
    }
}
