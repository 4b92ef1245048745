namespace TokenOptimizer.GraphQL;

/// <summary>A literal as seen by a scalar: its kind and its text (the string value for strings).</summary>
/// <param name="Kind">The literal kind.</param>
/// <param name="Value">The literal text, e.g. <c>42</c>, <c>true</c>, or the unescaped string value.</param>
public readonly record struct ScalarLiteral(LiteralKind Kind, string Value)
{
    /// <summary>The literal as GraphQL source text, used in error messages.</summary>
    /// <returns>The printed literal.</returns>
    public override string ToString() => Kind == LiteralKind.String ? Language.Printer.PrintString(Value) : Value;
}
