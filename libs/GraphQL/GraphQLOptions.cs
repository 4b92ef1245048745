namespace TokenOptimizer.GraphQL;

/// <summary>Limits and switches for a <see cref="GraphQLExecutor"/>. Every limit fails with a clear error and code.</summary>
public sealed class GraphQLOptions
{
    /// <summary>Largest accepted document, in characters (default 100 000).</summary>
    public int MaxDocumentLength { get; set; } = 100_000;

    /// <summary>Most tokens the parser reads before giving up (default 10 000).</summary>
    public int MaxTokens { get; set; } = 10_000;

    /// <summary>Deepest field nesting allowed, counting through fragments (default 15; introspection needs about 13).</summary>
    public int MaxDepth { get; set; } = 15;

    /// <summary>
    /// Most fields an operation may select, counted with its fragments expanded: a fragment spread twice counts twice,
    /// so fragments that spread each other cannot multiply the work unseen (default 1 000). The parser also refuses a
    /// document that spells out more field selections than this, before validation compares them.
    /// </summary>
    public int MaxFields { get; set; } = 1_000;

    /// <summary>
    /// Most fragment definitions a document may have (default 200): validation compares the fragments spread side by
    /// side pairwise, so their number must stay small.
    /// </summary>
    public int MaxFragments { get; set; } = 200;

    /// <summary>
    /// Most aliases an operation may use, counted with its fragments expanded (default 30): each alias of a field is
    /// resolved again, so aliases multiply the work of the fields they rename.
    /// </summary>
    public int MaxAliases { get; set; } = 30;

    /// <summary>
    /// Budget for the estimated cost of an operation (default 5 000): each field costs its <see cref="FieldDefinition.Cost"/>,
    /// and the children of list fields count <see cref="ListCostFactor"/> times (or the value of a <c>first</c>/<c>last</c>/<c>limit</c> argument).
    /// Introspection (<c>__schema</c>, <c>__type</c>) is not counted: its size depends on the schema, not on data.
    /// </summary>
    public int MaxCost { get; set; } = 5_000;

    /// <summary>Assumed size of a list when no size argument says otherwise (default 10).</summary>
    public int ListCostFactor { get; set; } = 10;

    /// <summary>
    /// How long one operation may execute (default 10 seconds; <see cref="Timeout.InfiniteTimeSpan"/> for no limit). When it
    /// runs out, resolvers are cancelled and the request fails with <c>QUERY_TIMEOUT</c>. For a subscription it bounds the
    /// execution of each event, not the life of the stream.
    /// </summary>
    public TimeSpan ExecutionTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Whether <c>__schema</c> and <c>__type</c> may be queried (default true). <c>__typename</c> is always allowed.</summary>
    public bool EnableIntrospection { get; set; } = true;

    /// <summary>Whether messages of unexpected resolver exceptions reach the client (default false: "Unexpected error.").</summary>
    public bool ExposeExceptionMessages { get; set; }

    /// <summary>
    /// Told of every unexpected resolver or subscription-source exception (anything but a <see cref="GraphQLException"/>)
    /// with the response path where it happened, so the host can log what the client only sees as "Unexpected error.".
    /// </summary>
    public Action<Exception, string>? OnUnexpectedError { get; set; }

    /// <summary>
    /// Turns a resolver or subscription-source exception the host recognises (say, the database refusing a value the
    /// client sent) into the <see cref="GraphQLException"/> the client should see; null leaves it unexpected.
    /// </summary>
    public Func<Exception, GraphQLException?>? TranslateException { get; set; }

    /// <summary>How many parsed and validated documents to keep, keyed by their text (default 1 000; 0 disables the cache).</summary>
    public int DocumentCacheSize { get; set; } = 1_000;
}
