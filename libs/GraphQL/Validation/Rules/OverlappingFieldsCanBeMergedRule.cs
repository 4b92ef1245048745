using TokenOptimizer.GraphQL.Execution;
using TokenOptimizer.GraphQL.Language;

namespace TokenOptimizer.GraphQL.Validation.Rules;

/// <summary>
/// §5.3.2 Field Selection Merging. A direct port of the graphql-js algorithm (with its fragment-pair memo),
/// so that conflicts are reported on the same field nodes.
/// </summary>
internal sealed class OverlappingFieldsCanBeMergedRule(ValidationContext context) : DocumentVisitor
{
    private readonly PairSet _comparedFragmentPairs = new();
    private readonly Dictionary<SelectionSetNode, FieldsAndFragments> _cache = new(ReferenceEqualityComparer.Instance);

    private sealed record FieldEntry(NamedType? ParentType, FieldNode Node, FieldDefinition? Definition);

    private sealed record FieldsAndFragments(Dictionary<string, List<FieldEntry>> FieldMap, List<string> FragmentNames);

    private sealed record Conflict(string ResponseName, object Reason, List<FieldNode> Fields1, List<FieldNode> Fields2);

    public override bool Enter(Node node)
    {
        if (node is SelectionSetNode selectionSet)
        {
            foreach (var conflict in FindConflictsWithinSelectionSet(context.TypeInfo.ParentType, selectionSet))
            {
                context.Report(
                    $"Fields \"{conflict.ResponseName}\" conflict because {ReasonMessage(conflict.Reason)}. Use different aliases on the fields to fetch both if this was intentional.",
                    [.. conflict.Fields1, .. conflict.Fields2]);
            }
        }

        return true;
    }

    private static string ReasonMessage(object reason) => reason is List<(string Name, object Reason)> reasons
        ? string.Join(" and ", reasons.Select(r => $"subfields \"{r.Name}\" conflict because {ReasonMessage(r.Reason)}"))
        : (string)reason;

    private List<Conflict> FindConflictsWithinSelectionSet(NamedType? parentType, SelectionSetNode selectionSet)
    {
        var conflicts = new List<Conflict>();
        var (fieldMap, fragmentNames) = GetFieldsAndFragmentNames(parentType, selectionSet);
        CollectConflictsWithin(conflicts, fieldMap);
        for (var i = 0; i < fragmentNames.Count; i++)
        {
            CollectConflictsBetweenFieldsAndFragment(conflicts, false, fieldMap, fragmentNames[i]);
            for (var j = i + 1; j < fragmentNames.Count; j++)
            {
                CollectConflictsBetweenFragments(conflicts, false, fragmentNames[i], fragmentNames[j]);
            }
        }

        return conflicts;
    }

    private void CollectConflictsBetweenFieldsAndFragment(
        List<Conflict> conflicts, bool mutuallyExclusive, Dictionary<string, List<FieldEntry>> fieldMap, string fragmentName)
    {
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        if (context.GetFragment(fragmentName) is not { } fragment)
        {
            return;
        }

        var (fieldMap2, referenced) = GetReferencedFieldsAndFragmentNames(fragment);
        if (ReferenceEquals(fieldMap, fieldMap2))
        {
            return;
        }

        CollectConflictsBetween(conflicts, mutuallyExclusive, fieldMap, fieldMap2);
        foreach (var referencedName in referenced)
        {
            if (_comparedFragmentPairs.Has(referencedName, fragmentName, mutuallyExclusive))
            {
                continue;
            }

            _comparedFragmentPairs.Add(referencedName, fragmentName, mutuallyExclusive);
            CollectConflictsBetweenFieldsAndFragment(conflicts, mutuallyExclusive, fieldMap, referencedName);
        }
    }

    private void CollectConflictsBetweenFragments(List<Conflict> conflicts, bool mutuallyExclusive, string name1, string name2)
    {
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        if (name1 == name2 || _comparedFragmentPairs.Has(name1, name2, mutuallyExclusive))
        {
            return;
        }

        _comparedFragmentPairs.Add(name1, name2, mutuallyExclusive);
        if (context.GetFragment(name1) is not { } fragment1 || context.GetFragment(name2) is not { } fragment2)
        {
            return;
        }

        var (fieldMap1, referenced1) = GetReferencedFieldsAndFragmentNames(fragment1);
        var (fieldMap2, referenced2) = GetReferencedFieldsAndFragmentNames(fragment2);
        CollectConflictsBetween(conflicts, mutuallyExclusive, fieldMap1, fieldMap2);
        foreach (var referenced in referenced2)
        {
            CollectConflictsBetweenFragments(conflicts, mutuallyExclusive, name1, referenced);
        }

        foreach (var referenced in referenced1)
        {
            CollectConflictsBetweenFragments(conflicts, mutuallyExclusive, referenced, name2);
        }
    }

    private List<Conflict> FindConflictsBetweenSubSelectionSets(
        bool mutuallyExclusive, NamedType? parentType1, SelectionSetNode set1, NamedType? parentType2, SelectionSetNode set2)
    {
        var conflicts = new List<Conflict>();
        var (fieldMap1, fragmentNames1) = GetFieldsAndFragmentNames(parentType1, set1);
        var (fieldMap2, fragmentNames2) = GetFieldsAndFragmentNames(parentType2, set2);
        CollectConflictsBetween(conflicts, mutuallyExclusive, fieldMap1, fieldMap2);
        foreach (var name in fragmentNames2)
        {
            CollectConflictsBetweenFieldsAndFragment(conflicts, mutuallyExclusive, fieldMap1, name);
        }

        foreach (var name in fragmentNames1)
        {
            CollectConflictsBetweenFieldsAndFragment(conflicts, mutuallyExclusive, fieldMap2, name);
        }

        foreach (var name1 in fragmentNames1)
        {
            foreach (var name2 in fragmentNames2)
            {
                CollectConflictsBetweenFragments(conflicts, mutuallyExclusive, name1, name2);
            }
        }

        return conflicts;
    }

    private void CollectConflictsWithin(List<Conflict> conflicts, Dictionary<string, List<FieldEntry>> fieldMap)
    {
        foreach (var (responseName, fields) in fieldMap)
        {
            for (var i = 0; i < fields.Count; i++)
            {
                for (var j = i + 1; j < fields.Count; j++)
                {
                    if (FindConflict(false, responseName, fields[i], fields[j]) is { } conflict)
                    {
                        conflicts.Add(conflict);
                    }
                }
            }
        }
    }

    private void CollectConflictsBetween(
        List<Conflict> conflicts, bool mutuallyExclusive, Dictionary<string, List<FieldEntry>> fieldMap1, Dictionary<string, List<FieldEntry>> fieldMap2)
    {
        foreach (var (responseName, fields1) in fieldMap1)
        {
            if (!fieldMap2.TryGetValue(responseName, out var fields2))
            {
                continue;
            }

            foreach (var field1 in fields1)
            {
                foreach (var field2 in fields2)
                {
                    if (FindConflict(mutuallyExclusive, responseName, field1, field2) is { } conflict)
                    {
                        conflicts.Add(conflict);
                    }
                }
            }
        }
    }

    private Conflict? FindConflict(bool parentFieldsAreMutuallyExclusive, string responseName, FieldEntry field1, FieldEntry field2)
    {
        var areMutuallyExclusive = parentFieldsAreMutuallyExclusive ||
            (field1.ParentType != field2.ParentType && field1.ParentType is ObjectType && field2.ParentType is ObjectType);
        var node1 = field1.Node;
        var node2 = field2.Node;
        if (!areMutuallyExclusive)
        {
            if (node1.Name.Value != node2.Name.Value)
            {
                return new Conflict(responseName, $"\"{node1.Name.Value}\" and \"{node2.Name.Value}\" are different fields", [node1], [node2]);
            }

            if (!SameArguments(node1, node2))
            {
                return new Conflict(responseName, "they have differing arguments", [node1], [node2]);
            }
        }

        var type1 = field1.Definition?.Type;
        var type2 = field2.Definition?.Type;
        if (type1 is not null && type2 is not null && DoTypesConflict(type1, type2))
        {
            return new Conflict(responseName, $"they return conflicting types \"{type1}\" and \"{type2}\"", [node1], [node2]);
        }

        if (node1.SelectionSet is { } set1 && node2.SelectionSet is { } set2)
        {
            var conflicts = FindConflictsBetweenSubSelectionSets(areMutuallyExclusive, type1?.Named, set1, type2?.Named, set2);
            if (conflicts.Count > 0)
            {
                return new Conflict(
                    responseName,
                    conflicts.Select(c => (c.ResponseName, c.Reason)).ToList(),
                    [node1, .. conflicts.SelectMany(c => c.Fields1)],
                    [node2, .. conflicts.SelectMany(c => c.Fields2)]);
            }
        }

        return null;
    }

    private static bool SameArguments(FieldNode node1, FieldNode node2)
    {
        var args1 = node1.Arguments;
        var args2 = node2.Arguments;
        if (args1.Count == 0)
        {
            return args2.Count == 0;
        }

        if (args2.Count == 0 || args1.Count != args2.Count)
        {
            return false;
        }

        foreach (var arg1 in args1)
        {
            var arg2 = args2.FirstOrDefault(a => a.Name.Value == arg1.Name.Value);
            if (arg2 is null || Stringify(arg1.Value) != Stringify(arg2.Value))
            {
                return false;
            }
        }

        return true;
    }

    private static string Stringify(ValueNode value) => Printer.Print(Sort(value));

    private static ValueNode Sort(ValueNode value) => value switch
    {
        ObjectValueNode obj => obj with
        {
            Fields = obj.Fields.OrderBy(f => f.Name.Value, StringComparer.Ordinal).Select(f => f with { Value = Sort(f.Value) }).ToList(),
        },
        ListValueNode list => list with { Values = list.Values.Select(Sort).ToList() },
        _ => value,
    };

    private static bool DoTypesConflict(GraphQLType type1, GraphQLType type2)
    {
        if (type1 is ListType list1)
        {
            return type2 is not ListType list2 || DoTypesConflict(list1.OfType, list2.OfType);
        }

        if (type2 is ListType)
        {
            return true;
        }

        if (type1 is NonNullType nonNull1)
        {
            return type2 is not NonNullType nonNull2 || DoTypesConflict(nonNull1.OfType, nonNull2.OfType);
        }

        if (type2 is NonNullType)
        {
            return true;
        }

        if (type1 is ScalarType or EnumType || type2 is ScalarType or EnumType)
        {
            return !ReferenceEquals(type1, type2);
        }

        return false;
    }

    private FieldsAndFragments GetFieldsAndFragmentNames(NamedType? parentType, SelectionSetNode selectionSet)
    {
        if (_cache.TryGetValue(selectionSet, out var cached))
        {
            return cached;
        }

        var fieldMap = new Dictionary<string, List<FieldEntry>>();
        var fragmentNames = new List<string>();
        Collect(parentType, selectionSet, fieldMap, fragmentNames);
        var result = new FieldsAndFragments(fieldMap, fragmentNames);
        _cache[selectionSet] = result;
        return result;
    }

    private FieldsAndFragments GetReferencedFieldsAndFragmentNames(FragmentDefinitionNode fragment)
    {
        if (_cache.TryGetValue(fragment.SelectionSet, out var cached))
        {
            return cached;
        }

        var fragmentType = ValueCoercion.TypeFromAst(context.Schema, fragment.TypeCondition) as NamedType;
        return GetFieldsAndFragmentNames(fragmentType, fragment.SelectionSet);
    }

    private void Collect(NamedType? parentType, SelectionSetNode selectionSet, Dictionary<string, List<FieldEntry>> fieldMap, List<string> fragmentNames)
    {
        foreach (var selection in selectionSet.Selections)
        {
            switch (selection)
            {
                case FieldNode field:
                    var definition = (parentType as ComplexType)?.GetField(field.Name.Value);
                    if (!fieldMap.TryGetValue(field.ResponseKey, out var list))
                    {
                        fieldMap[field.ResponseKey] = list = [];
                    }

                    list.Add(new FieldEntry(parentType, field, definition));
                    break;
                case FragmentSpreadNode spread:
                    if (!fragmentNames.Contains(spread.Name.Value))
                    {
                        fragmentNames.Add(spread.Name.Value);
                    }

                    break;
                case InlineFragmentNode inline:
                    var inlineType = inline.TypeCondition is null
                        ? parentType
                        : ValueCoercion.TypeFromAst(context.Schema, inline.TypeCondition) as NamedType;
                    Collect(inlineType, inline.SelectionSet, fieldMap, fragmentNames);
                    break;
            }
        }
    }

    private sealed class PairSet
    {
        private readonly Dictionary<(string, string), bool> _data = [];

        public bool Has(string a, string b, bool mutuallyExclusive)
        {
            var key = string.CompareOrdinal(a, b) < 0 ? (a, b) : (b, a);
            if (!_data.TryGetValue(key, out var result))
            {
                return false;
            }

            return mutuallyExclusive || mutuallyExclusive == result;
        }

        public void Add(string a, string b, bool mutuallyExclusive)
        {
            var key = string.CompareOrdinal(a, b) < 0 ? (a, b) : (b, a);
            _data[key] = mutuallyExclusive;
        }
    }
}
