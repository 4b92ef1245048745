using System.Text.Json;

namespace TokenOptimizer.GraphQL.Tests;

/// A small blog schema used across the unit tests.
internal static class TestSchema
{
    public sealed record Author(string Id, string Name, DateTimeOffset JoinedAt);

    public sealed record Post(string Id, string Title, string AuthorId, decimal Price, long Views);

    public static readonly Author[] Authors =
    [
        new("a1", "Ada", new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero)),
        new("a2", "Grace", new DateTimeOffset(2023, 6, 7, 8, 9, 10, TimeSpan.Zero)),
    ];

    public static readonly Post[] Posts =
    [
        new("p1", "Parsing", "a1", 12.3456m, 9_000_000_000L),
        new("p2", "Validation", "a1", 0.1m, 2),
        new("p3", "Execution", "a2", 19.99m, 3),
    ];

    public static Schema Build(Action<SchemaBuilder>? extend = null, Func<IReadOnlyList<object?>, IReadOnlyList<object?>>? onAuthorBatch = null)
    {
        var builder = new SchemaBuilder()
            .Scalar(CustomScalars.DateTime)
            .Scalar(CustomScalars.Decimal)
            .Scalar(CustomScalars.Long)
            .Interface("Node", i => i.Field("id", "ID!"))
            .Object("Query", q => q
                .Field("hello", "String", f => f.Argument("name", "String", a => a.DefaultValue("world")).Resolve(c => $"Hello, {c.Argument<string>("name")}!"))
                .Field("posts", "[Post!]!", f => f.Resolve(_ => Posts))
                .Field("post", "Post", f => f.Argument("id", "ID!").Resolve(c => Posts.FirstOrDefault(p => p.Id == c.Argument<string>("id"))))
                .Field("node", "Node", f => f.Argument("id", "ID!").Resolve(c => (object?)Posts.FirstOrDefault(p => p.Id == c.Argument<string>("id")) ?? Authors.FirstOrDefault(a => a.Id == c.Argument<string>("id"))))
                .Field("search", "[SearchResult!]!", f => f.Resolve(_ => new object[] { Posts[0], Authors[1] }))
                .Field("slow", "String", f => f.ResolveAsync(async c => { await Task.Delay(20, c.CancellationToken); return "slow"; }))
                .Field("boom", "String", f => f.Resolve(_ => throw new GraphQLException("Boom!", "BOOM")))
                .Field("secret", "String", f => f.Resolve(_ => throw new InvalidOperationException("database password is hunter2")))
                .Field("nonNullBoom", "String!", f => f.Resolve(_ => null))
                .Field("echo", "String", f => f.Argument("input", "PostInput").Resolve(c => JsonSerializer.Serialize(c.Arguments["input"])))
                .Field("square", "Int", f => f.Argument("n", "Int!", a => a.DefaultValue(3)).Resolve(c => c.Argument<int>("n") * c.Argument<int>("n")))
                .Field("old", "String", f => f.Deprecated("Use hello.").Resolve(_ => "old")))
            .Object("Post", o => o.Implements("Node").IsTypeOf<Post>()
                .Field("id", "ID!")
                .Field("title", "String!")
                .Field("price", "Decimal!")
                .Field("views", "Long!")
                .Field("author", "Author!", f => f.ResolveBatch(contexts =>
                {
                    var sources = contexts.Select(c => (object?)c.Source).ToList();
                    onAuthorBatch?.Invoke(sources);
                    IReadOnlyList<object?> result = contexts.Select(c => (object?)Authors.First(a => a.Id == ((Post)c.Source!).AuthorId)).ToList();
                    return ValueTask.FromResult(result);
                })))
            .Object("Author", o => o.Implements("Node").IsTypeOf<Author>()
                .Field("id", "ID!")
                .Field("name", "String!")
                .Field("joinedAt", "DateTime!")
                .Field("posts", "[Post!]!", f => f.Resolve(c => Posts.Where(p => p.AuthorId == ((Author)c.Source!).Id))))
            .Union("SearchResult", u => u.Types("Post", "Author"))
            .InputObject("PostInput", i => i
                .Field("title", "String!")
                .Field("tags", "[String!]", f => f.DefaultValue(new List<object?> { "draft" }))
                .Field("price", "Decimal"))
            .Enum("Color", e => e.Value("RED").Value("GREEN", deprecationReason: "Too green"))
            .Object("Mutation", m => m
                .Field("first", "Int", f => f.ResolveAsync(async _ => { await Task.Delay(30); Order.Add(1); return 1; }))
                .Field("second", "Int", f => f.Resolve(_ => { Order.Add(2); return 2; })))
            .Object("Subscription", s => s
                .Field("ticks", "Int!", f => f.Argument("count", "Int!").Subscribe(c => Ticks(c.Argument<int>("count"), c.CancellationToken)))
                .Field("failingTicks", "Int!", f => f.Subscribe(_ => FailingTicks()))
                .Field("silence", "Int!", f => f.Subscribe(c => Silence(c.CancellationToken))));
        extend?.Invoke(builder);
        return builder.Build();
    }

    public static readonly List<int> Order = [];

    private static async IAsyncEnumerable<int> Ticks(int count, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        for (var i = 1; i <= count; i++)
        {
            await Task.Yield();
            cancellationToken.ThrowIfCancellationRequested();
            yield return i;
        }
    }

    // A feed with nothing to say yet, like the dashboard's updates between two ingested records.
    private static async IAsyncEnumerable<int> Silence([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.Delay(Timeout.Infinite, cancellationToken);
        yield break;
    }

    private static async IAsyncEnumerable<int> FailingTicks()
    {
        await Task.Yield();
        yield return 1;
        throw new GraphQLException("Feed lost", "FEED_LOST");
    }

    public static async Task<string> RunAsync(string query, object? variables = null, GraphQLOptions? options = null, Schema? schema = null)
    {
        var executor = new GraphQLExecutor(schema ?? Build(), options);
        var result = await executor.ExecuteAsync(new GraphQLRequest
        {
            Query = query,
            Variables = variables is null ? null : GraphQLJson.ParseVariables(JsonSerializer.SerializeToElement(variables)),
        });
        return GraphQLJson.Serialize(result);
    }
}
