namespace TokenOptimizer.GraphQL;

/// <summary>The directives every schema has: <c>@include</c>, <c>@skip</c>, <c>@deprecated</c> and <c>@specifiedBy</c>.</summary>
public static class SpecifiedDirectives
{
    /// <summary>The reason <c>@deprecated</c> gives when none is stated.</summary>
    public const string DefaultDeprecationReason = "No longer supported";

    internal static readonly string[] Names = ["include", "skip", "deprecated", "specifiedBy"];

    internal static IEnumerable<DirectiveBuilder> Builders()
    {
        var include = new DirectiveBuilder("include")
            .Description("Directs the executor to include this field or fragment only when the `if` argument is true.")
            .Locations("FIELD", "FRAGMENT_SPREAD", "INLINE_FRAGMENT")
            .Argument("if", "Boolean!", a => a.Description("Included when true."));
        var skip = new DirectiveBuilder("skip")
            .Description("Directs the executor to skip this field or fragment when the `if` argument is true.")
            .Locations("FIELD", "FRAGMENT_SPREAD", "INLINE_FRAGMENT")
            .Argument("if", "Boolean!", a => a.Description("Skipped when true."));
        var deprecated = new DirectiveBuilder("deprecated")
            .Description("Marks an element of a GraphQL schema as no longer supported.")
            .Locations("FIELD_DEFINITION", "ARGUMENT_DEFINITION", "INPUT_FIELD_DEFINITION", "ENUM_VALUE")
            .Argument("reason", "String", a => a
                .Description("Explains why this element was deprecated, usually also including a suggestion for how to access supported similar data. Formatted using the Markdown syntax, as specified by [CommonMark](https://commonmark.org/).")
                .DefaultValue(DefaultDeprecationReason));
        var specifiedBy = new DirectiveBuilder("specifiedBy")
            .Description("Exposes a URL that specifies the behavior of this scalar.")
            .Locations("SCALAR")
            .Argument("url", "String!", a => a.Description("The URL that specifies the behavior of this scalar."));
        return [include, skip, deprecated, specifiedBy];
    }
}
