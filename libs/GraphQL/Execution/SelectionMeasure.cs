namespace TokenOptimizer.GraphQL.Execution;

/// <summary>
/// What a selection set asks for once its fragments are expanded: nesting depth, estimated cost, fields and aliases
/// (each counted as often as it would be executed). Sums and products saturate at <see cref="long.MaxValue"/>, so a
/// document written to overflow them measures as "too much" instead of wrapping round to a small number.
/// </summary>
internal readonly record struct SelectionMeasure(long Depth, long Cost, long Fields, long Aliases)
{
    public static readonly SelectionMeasure None = new(0, 0, 0, 0);

    /// <summary>Two selections of the same set: depths take the larger, counts add up.</summary>
    public SelectionMeasure Beside(SelectionMeasure other) =>
        new(Math.Max(Depth, other.Depth), Add(Cost, other.Cost), Add(Fields, other.Fields), Add(Aliases, other.Aliases));

    /// <summary>A field over its children: one level deeper; the children's cost counts <paramref name="listSize"/> times.</summary>
    public static SelectionMeasure Field(long cost, bool aliased, SelectionMeasure children, long listSize) =>
        new(Add(children.Depth, 1), Add(cost, Multiply(children.Cost, listSize)), Add(children.Fields, 1), Add(children.Aliases, aliased ? 1 : 0));

    public static long Add(long a, long b) => a > long.MaxValue - b ? long.MaxValue : a + b;

    public static long Multiply(long a, long b) => b != 0 && a > long.MaxValue / b ? long.MaxValue : a * b;
}
