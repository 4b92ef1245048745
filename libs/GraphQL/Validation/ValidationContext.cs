using TokenOptimizer.GraphQL.Language;

namespace TokenOptimizer.GraphQL.Validation;

/// Shared state for the validation rules: the schema, fragments, reported errors and cached lookups.
internal sealed class ValidationContext
{
    /// graphql-js validate()'s default maxErrors.
    public const int MaxErrors = 100;

    private readonly Dictionary<SelectionSetNode, List<FragmentSpreadNode>> _spreads = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<OperationDefinitionNode, List<FragmentDefinitionNode>> _referencedFragments = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<Node, List<VariableUsage>> _variableUsages = new(ReferenceEqualityComparer.Instance);
    private Rules.KnownDirectiveSet? _knownDirectives;

    public ValidationContext(Schema schema, DocumentNode document, TypeInfo typeInfo)
    {
        Schema = schema;
        Document = document;
        TypeInfo = typeInfo;
        foreach (var fragment in document.Definitions.OfType<FragmentDefinitionNode>())
        {
            // graphql-js keeps the last fragment of a given name.
            Fragments[fragment.FragmentName.Value] = fragment;
        }
    }

    public Schema Schema { get; }

    public DocumentNode Document { get; }

    public TypeInfo TypeInfo { get; }

    public Dictionary<string, FragmentDefinitionNode> Fragments { get; } = [];

    public List<GraphQLError> Errors { get; } = [];

    /// Built once per document and shared by the four directive rules.
    public Rules.KnownDirectiveSet KnownDirectives => _knownDirectives ??= new Rules.KnownDirectiveSet(this);

    /// <summary>
    /// Adds an error; past <see cref="MaxErrors"/> adds graphql-js's "error limit reached" error instead and stops
    /// validation (<see cref="ValidationAbortedException"/>), so a document cannot make it report millions of conflicts.
    /// </summary>
    public void Report(string message, params Node[] nodes)
    {
        if (Errors.Count >= MaxErrors)
        {
            Errors.Add(Error("Too many validation errors, error limit reached. Validation aborted.", []));
            throw new ValidationAbortedException();
        }

        Errors.Add(Error(message, nodes.Select(n => n.Location.ToSource()).ToList()));
    }

    private static GraphQLError Error(string message, List<SourceLocation> locations) =>
        new(message, locations, extensions: new Dictionary<string, object?> { ["code"] = ErrorCodes.ValidationFailed });

    public FragmentDefinitionNode? GetFragment(string name) => Fragments.GetValueOrDefault(name);

    public List<FragmentSpreadNode> GetFragmentSpreads(SelectionSetNode node)
    {
        if (_spreads.TryGetValue(node, out var spreads))
        {
            return spreads;
        }

        spreads = [];
        var setsToVisit = new Stack<SelectionSetNode>();
        setsToVisit.Push(node);
        while (setsToVisit.Count > 0)
        {
            var set = setsToVisit.Pop();
            foreach (var selection in set.Selections)
            {
                switch (selection)
                {
                    case FragmentSpreadNode spread:
                        spreads.Add(spread);
                        break;
                    case FieldNode { SelectionSet: { } fieldSet }:
                        setsToVisit.Push(fieldSet);
                        break;
                    case InlineFragmentNode inline:
                        setsToVisit.Push(inline.SelectionSet);
                        break;
                }
            }
        }

        _spreads[node] = spreads;
        return spreads;
    }

    public List<FragmentDefinitionNode> GetRecursivelyReferencedFragments(OperationDefinitionNode operation)
    {
        if (_referencedFragments.TryGetValue(operation, out var fragments))
        {
            return fragments;
        }

        fragments = [];
        var collected = new HashSet<string>();
        var nodesToVisit = new Stack<SelectionSetNode>();
        nodesToVisit.Push(operation.SelectionSet);
        while (nodesToVisit.Count > 0)
        {
            var node = nodesToVisit.Pop();
            foreach (var spread in GetFragmentSpreads(node))
            {
                var name = spread.Name.Value;
                if (collected.Add(name) && GetFragment(name) is { } fragment)
                {
                    fragments.Add(fragment);
                    nodesToVisit.Push(fragment.SelectionSet);
                }
            }
        }

        _referencedFragments[operation] = fragments;
        return fragments;
    }

    public List<VariableUsage> GetVariableUsages(ExecutableDefinitionNode node)
    {
        if (_variableUsages.TryGetValue(node, out var usages))
        {
            return usages;
        }

        var collector = new UsageCollector(new TypeInfo(Schema));
        new Walker(collector.TypeInfo, [collector]).Walk(node);
        _variableUsages[node] = collector.Usages;
        return collector.Usages;
    }

    public List<VariableUsage> GetRecursiveVariableUsages(OperationDefinitionNode operation)
    {
        var usages = new List<VariableUsage>(GetVariableUsages(operation));
        foreach (var fragment in GetRecursivelyReferencedFragments(operation))
        {
            usages.AddRange(GetVariableUsages(fragment));
        }

        return usages;
    }

    private sealed class UsageCollector(TypeInfo typeInfo) : DocumentVisitor
    {
        public TypeInfo TypeInfo { get; } = typeInfo;

        public List<VariableUsage> Usages { get; } = [];

        public override bool Enter(Node node)
        {
            switch (node)
            {
                case VariableDefinitionNode:
                    return false;
                case VariableNode variable:
                    Usages.Add(new VariableUsage(variable, TypeInfo.InputType, TypeInfo.DefaultValueOwner));
                    break;
            }

            return true;
        }
    }
}

/// Thrown by <see cref="ValidationContext.Report"/> once the error limit is reached; ends the walk.
internal sealed class ValidationAbortedException : Exception;

/// A variable used in a value position, with the type expected there and the default that applies.
internal sealed record VariableUsage(VariableNode Node, GraphQLType? Type, InputValueDefinition? DefaultValueOwner)
{
    public bool HasLocationDefault => DefaultValueOwner is { HasDefaultValue: true };
}
