using System.Text.Json;
using System.Text.Json.Nodes;

namespace TokenOptimizer.GraphQL.Conformance;

/// <summary>Runs a corpus case through our engine and shapes the outcome like reference.cjs does.</summary>
internal static class OurEngine
{
    public static Schema Schema { get; } = ConformanceSchema.Build(
        JsonDocument.Parse(File.ReadAllText(Path.Combine(Corpus.Directory, "data.json"))).RootElement.Clone());

    // Protection limits are lifted: graphql-js has none, and the corpus tests the specification.
    private static readonly GraphQLExecutor Executor = new(Schema, new GraphQLOptions
    {
        MaxDepth = 1_000,
        MaxCost = int.MaxValue,
        MaxTokens = 1_000_000,
        MaxFields = int.MaxValue,
        MaxAliases = int.MaxValue,
        MaxFragments = int.MaxValue,
        ExecutionTimeout = Timeout.InfiniteTimeSpan,
        DocumentCacheSize = 0,
    });

    public static async Task<JsonObject> RunAsync(CorpusCase testCase)
    {
        var result = await Executor.ExecuteAsync(new GraphQLRequest
        {
            Query = testCase.Source,
            OperationName = testCase.OperationName,
            Variables = testCase.Variables is { } variables ? GraphQLJson.ParseVariables(variables) : null,
            UserContext = new ConformanceSchema.MutationState(),
        });
        if (result.Stream is { } stream)
        {
            var events = new JsonArray();
            await foreach (var item in stream)
            {
                events.Add(Shape(item));
            }

            return new JsonObject { ["stage"] = "subscription", ["events"] = events };
        }

        var shaped = Shape(result);
        shaped.Insert(0, "stage", result.Failure switch
        {
            RequestFailure.Parse => "parse",
            RequestFailure.Validation => "validation",
            _ => "execution",
        });
        return shaped;
    }

    private static JsonObject Shape(ExecutionResult result) => JsonNode.Parse(GraphQLJson.Serialize(result))!.AsObject();
}
