using TokenOptimizer.ReadModels;

namespace TokenOptimizer.Query.Serving;

/// <summary>Configuration section <c>Query</c>.</summary>
public sealed class QueryOptions
{
    public const string Section = "Query";

    /// <summary>Where the GraphQL engine's limits are configured (<c>GraphQLOptions</c>: MaxFields, ExecutionTimeout, …).</summary>
    public const string GraphQLSection = "Query:GraphQL";

    /// <summary>How often the dashboard subscription looks for advanced read models.</summary>
    public TimeSpan UpdatePollInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// How many database commands one GraphQL request may run at once (see <see cref="DatabaseTurns"/>); its other
    /// commands wait. Four keeps one request to a small share of the pool while an overview's sums still run side by side.
    /// </summary>
    public int DatabaseCommandsPerRequest { get; set; } = 4;

    /// <summary>
    /// The FOCUS export's <c>BillingAccountId</c>, a column the specification requires: this installation, unless the
    /// finance team wants the LLM spend under an account of its own.
    /// </summary>
    public string FocusBillingAccountId { get; set; } = "tokenoptimizer";

    /// <summary>The FOCUS export's <c>BillingAccountName</c>.</summary>
    public string FocusBillingAccountName { get; set; } = "TokenOptimizer";
}
