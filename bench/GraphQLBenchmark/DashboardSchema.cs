namespace TokenOptimizer.GraphQLBenchmark;

/// <summary>A usage dashboard like the Query service serves: totals, a cost breakdown, recent calls and budgets.</summary>
internal static class DashboardSchema
{
    public sealed record Model(string Id, string Name, string Provider, decimal InputPrice, decimal OutputPrice);

    public sealed record Call(string Id, string ModelId, long InputTokens, long OutputTokens, decimal Cost, DateTimeOffset At, string Status);

    public sealed record Budget(string Id, string Name, decimal Limit, decimal Spent);

    public static readonly Model[] Models = Enumerable.Range(1, 10)
        .Select(i => new Model($"m{i}", $"model-{i}", i % 2 == 0 ? "openai" : "anthropic", 0.001m * i, 0.002m * i))
        .ToArray();

    public static readonly Call[] Calls = Enumerable.Range(1, 200)
        .Select(i => new Call($"c{i}", $"m{(i % 10) + 1}", 1000 + i, 200 + i, 0.0123m * i, new DateTimeOffset(2024, 5, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(i), i % 7 == 0 ? "ERROR" : "OK"))
        .ToArray();

    public static readonly Budget[] Budgets = Enumerable.Range(1, 5).Select(i => new Budget($"b{i}", $"Team {i}", 1000m * i, 321.5m * i)).ToArray();

    public const string Query = """
        query Dashboard($first: Int!, $provider: String) {
          totals { calls inputTokens outputTokens cost }
          costByModel(provider: $provider) { ...ModelCost }
          recentCalls(first: $first) {
            id status at inputTokens outputTokens cost
            model { ...ModelInfo }
          }
          budgets { id name limit spent remaining ratio }
        }
        fragment ModelInfo on Model { id name provider inputPrice outputPrice }
        fragment ModelCost on ModelCost { calls cost model { ...ModelInfo } }
        """;

    public static readonly IReadOnlyDictionary<string, object?> Variables = new Dictionary<string, object?> { ["first"] = 20, ["provider"] = null };

    // Resolvers are plain functions, shared by the schema and by the direct baseline.
    public static object Totals() => new Dictionary<string, object?>
    {
        ["calls"] = Calls.Length,
        ["inputTokens"] = Calls.Sum(c => c.InputTokens),
        ["outputTokens"] = Calls.Sum(c => c.OutputTokens),
        ["cost"] = Calls.Sum(c => c.Cost),
    };

    public static List<Dictionary<string, object?>> CostByModel(string? provider) => Models
        .Where(m => provider is null || m.Provider == provider)
        .Select(m => new Dictionary<string, object?>
        {
            ["model"] = m,
            ["calls"] = Calls.Count(c => c.ModelId == m.Id),
            ["cost"] = Calls.Where(c => c.ModelId == m.Id).Sum(c => c.Cost),
        })
        .ToList();

    public static IEnumerable<Call> RecentCalls(int first) => Calls.TakeLast(first);

    public static IReadOnlyList<object?> ModelsOf(IReadOnlyList<Call> calls) =>
        calls.Select(c => (object?)Models.First(m => m.Id == c.ModelId)).ToList();

    public static decimal Remaining(Budget budget) => budget.Limit - budget.Spent;

    public static double Ratio(Budget budget) => (double)(budget.Spent / budget.Limit);

    public static TokenOptimizer.GraphQL.Schema Build() => new TokenOptimizer.GraphQL.SchemaBuilder()
        .Scalar(TokenOptimizer.GraphQL.CustomScalars.DateTime)
        .Scalar(TokenOptimizer.GraphQL.CustomScalars.Decimal)
        .Scalar(TokenOptimizer.GraphQL.CustomScalars.Long)
        .Object("Query", q => q
            .Field("totals", "Totals!", f => f.Resolve(_ => Totals()))
            .Field("costByModel", "[ModelCost!]!", f => f.Argument("provider", "String").Resolve(c => CostByModel(c.Argument<string>("provider"))))
            .Field("recentCalls", "[Call!]!", f => f.Argument("first", "Int!").Resolve(c => RecentCalls(c.Argument<int>("first"))))
            .Field("budgets", "[Budget!]!", f => f.Resolve(_ => Budgets)))
        .Object("Totals", o => o.Field("calls", "Int!").Field("inputTokens", "Long!").Field("outputTokens", "Long!").Field("cost", "Decimal!"))
        .Object("ModelCost", o => o.Field("model", "Model!").Field("calls", "Int!").Field("cost", "Decimal!"))
        .Object("Model", o => o.Field("id", "ID!").Field("name", "String!").Field("provider", "String!").Field("inputPrice", "Decimal!").Field("outputPrice", "Decimal!"))
        .Object("Call", o => o
            .Field("id", "ID!").Field("status", "String!").Field("at", "DateTime!")
            .Field("inputTokens", "Long!").Field("outputTokens", "Long!").Field("cost", "Decimal!")
            .Field("model", "Model!", f => f.ResolveBatch(contexts => ValueTask.FromResult(ModelsOf(contexts.Select(c => (Call)c.Source!).ToList())))))
        .Object("Budget", o => o
            .Field("id", "ID!").Field("name", "String!").Field("limit", "Decimal!").Field("spent", "Decimal!")
            .Field("remaining", "Decimal!", f => f.Resolve(c => Remaining((Budget)c.Source!)))
            .Field("ratio", "Float!", f => f.Resolve(c => Ratio((Budget)c.Source!))))
        .Build();
}
