using System.Runtime.CompilerServices;
using System.Text.Json;

namespace TokenOptimizer.GraphQL.Conformance;

/// <summary>
/// The code-first twin of schema.graphql, with resolvers that mirror reference.cjs line for line.
/// Data comes from the same data.json, read as JSON elements.
/// </summary>
internal static class ConformanceSchema
{
    public sealed class MutationState
    {
        public int Created { get; set; }

        public int Counter { get; set; }
    }

    public static Schema Build(JsonElement data)
    {
        var users = data.GetProperty("users").EnumerateArray().ToList();
        var posts = data.GetProperty("posts").EnumerateArray().ToList();
        object? UserById(string? id) => users.Where(u => u.GetProperty("id").GetString() == id).Select(u => (object?)u).FirstOrDefault();
        object? PostById(string? id) => posts.Where(p => p.GetProperty("id").GetString() == id).Select(p => (object?)p).FirstOrDefault();
        static IEnumerable<T> Take<T>(IEnumerable<T> list, int? n) => n is null ? list : list.Take(Math.Max(0, n.Value));
        // Sources are JSON elements from data.json, or dictionaries for users created by a mutation.
        static object? Prop(object? source, string name) => source is JsonElement element
            ? GraphQLJson.ToPlain(element.GetProperty(name))
            : ((IReadOnlyDictionary<string, object?>)source!)[name];
        static string Str(object? source, string name) => (string)Prop(source, name)!;
        static Dictionary<string, object?> Nested(int depth) => new() { ["depth"] = depth };

        return new SchemaBuilder()
            .Object("Query", q => q.Description("Root of all queries.")
                .Field("hello", "String", f => f.Description("Greets someone.")
                    .Argument("name", "String", a => a.DefaultValue("world"))
                    .Resolve(c => $"Hello, {c.Arguments.GetValueOrDefault("name") ?? "null"}!"))
                .Field("user", "User", f => f.Argument("id", "ID!").Resolve(c => UserById(c.Argument<string>("id"))))
                .Field("users", "[User!]!", f => f.Argument("first", "Int").Argument("role", "Role").Resolve(c =>
                {
                    var role = c.Argument<string>("role");
                    return Take(users.Where(u => role is null || u.GetProperty("role").GetString() == role), c.Argument<int?>("first")).ToList();
                }))
                .Field("node", "Node", f => f.Argument("id", "ID!").Resolve(c => UserById(c.Argument<string>("id")) ?? PostById(c.Argument<string>("id"))))
                .Field("search", "[SearchResult!]!", f => f.Argument("text", "String!").Resolve(c =>
                {
                    var text = c.Argument<string>("text")!;
                    return users.Where(u => u.GetProperty("name").GetString()!.Contains(text, StringComparison.OrdinalIgnoreCase))
                        .Concat(posts.Where(p => p.GetProperty("title").GetString()!.Contains(text, StringComparison.OrdinalIgnoreCase)))
                        .ToList();
                }))
                .Field("posts", "[Post!]!", f => f.Resolve(_ => posts))
                .Field("echoInt", "Int", Echo("Int"))
                .Field("echoFloat", "Float", Echo("Float"))
                .Field("echoString", "String", Echo("String"))
                .Field("echoBoolean", "Boolean", Echo("Boolean"))
                .Field("echoId", "ID", Echo("ID"))
                .Field("echoRole", "Role", Echo("Role"))
                .Field("echoList", "[Int]", f => f.Argument("values", "[Int]").Resolve(c => c.Arguments.GetValueOrDefault("values")))
                .Field("echoNonNullList", "[Int!]!", f => f.Argument("values", "[Int!]!").Resolve(c => c.Arguments.GetValueOrDefault("values")))
                .Field("echoInput", "Filter", f => f.Argument("input", "FilterInput").Resolve(c =>
                {
                    if (c.Arguments.GetValueOrDefault("input") is not IReadOnlyDictionary<string, object?> input)
                    {
                        return null;
                    }

                    return new Dictionary<string, object?>
                    {
                        ["text"] = input.GetValueOrDefault("text"),
                        ["roles"] = input.GetValueOrDefault("roles"),
                        ["limit"] = input.GetValueOrDefault("limit"),
                        ["hasNested"] = input.GetValueOrDefault("nested") is not null,
                        ["required"] = input.GetValueOrDefault("required"),
                    };
                }))
                .Field("echoDecimal", "Decimal", Echo("Decimal"))
                .Field("echoLong", "Long", Echo("Long"))
                .Field("echoDateTime", "DateTime", Echo("DateTime"))
                .Field("fail", "String", f => f.Resolve(_ => throw new GraphQLException("Resolver failed")))
                .Field("failNonNull", "String!", f => f.Resolve(_ => throw new GraphQLException("Resolver failed")))
                .Field("nullNonNull", "String!", f => f.Resolve(_ => null))
                .Field("nested", "Nested", f => f.Resolve(_ => Nested(1)))
                .Field("oldField", "String", f => f.Deprecated("Use hello.").Resolve(_ => "old"))
                .Field("listWithNullItem", "[String]", f => f.Resolve(_ => new[] { "a", null, "c" }))
                .Field("nonNullListWithNullItem", "[String!]", f => f.Resolve(_ => new[] { "a", null }))
                .Field("numbers", "[Int!]!", f => f.Resolve(_ => new[] { 1, 2, 3 }))
                .Field("asyncValue", "String", f => f.ResolveAsync(async _ =>
                {
                    await Task.Yield();
                    return "async";
                })))
            .Interface("Node", i => i.Description("Anything with a global id.").Field("id", "ID!"))
            .Interface("Named", i => i.Field("name", "String!"))
            .Object("User", o => o.Description("A person using the system.").Implements("Node", "Named")
                .Field("id", "ID!")
                .Field("name", "String!")
                .Field("email", "String", f => f.Deprecated())
                .Field("role", "Role!")
                .Field("friends", "[User!]!", f => f
                    .Argument("first", "Int", a => a.Description("How many friends to return.").DefaultValue(2))
                    .Resolve(c => Take((IEnumerable<object?>)Prop(c.Source, "friendIds")!, c.Argument<int?>("first"))
                        .Select(id => UserById((string?)id)).Where(u => u is not null).ToList()))
                .Field("posts", "[Post!]!", f => f.Resolve(c => posts.Where(p => p.GetProperty("authorId").GetString() == Str(c.Source, "id")).ToList()))
                .Field("manager", "User", f => f.Resolve(c => UserById((string?)Prop(c.Source, "managerId"))))
                .Field("score", "Float")
                .Field("createdAt", "DateTime!"))
            .Object("Post", o => o.Implements("Node")
                .Field("id", "ID!")
                .Field("title", "String!")
                .Field("body", "String", f => f.Argument("truncate", "Int").Resolve(c =>
                {
                    var body = Str(c.Source, "body");
                    return c.Argument<int?>("truncate") is { } n ? body[..Math.Min(body.Length, Math.Max(0, n))] : body;
                }))
                .Field("author", "User!", f => f.ResolveBatch(contexts =>
                {
                    // One call for every post in the step: the batching the engine promises.
                    IReadOnlyList<object?> authors = contexts.Select(c => UserById(Str(c.Source, "authorId"))).ToList();
                    return ValueTask.FromResult(authors);
                }))
                .Field("tags", "[String!]!")
                .Field("price", "Decimal!")
                .Field("views", "Long!"))
            .Union("SearchResult", u => u.Types("User", "Post"))
            .Enum("Role", e => e.Description("What a user may do.")
                .Value("ADMIN", description: "Everything.")
                .Value("EDITOR")
                .Value("VIEWER")
                .Value("LEGACY", deprecationReason: "Gone."))
            .InputObject("FilterInput", i => i
                .Field("text", "String")
                .Field("roles", "[Role!]", f => f.DefaultValue(new List<object?> { "VIEWER" }))
                .Field("limit", "Int", f => f.DefaultValue(5))
                .Field("nested", "FilterInput")
                .Field("required", "Boolean!"))
            .Object("Filter", o => o
                .Field("text", "String")
                .Field("roles", "[Role!]")
                .Field("limit", "Int")
                .Field("hasNested", "Boolean!")
                .Field("required", "Boolean!"))
            .Object("Nested", o => o
                .Field("value", "Int", f => f.Resolve(c => ((Dictionary<string, object?>)c.Source!)["depth"]))
                .Field("child", "Nested", f => f.Resolve(c => (int)((Dictionary<string, object?>)c.Source!)["depth"]! is var d && d < 3 ? Nested(d + 1) : null))
                .Field("failing", "String", f => f.Resolve(_ => throw new GraphQLException("Nested failure")))
                .Field("failingNonNull", "String!", f => f.Resolve(_ => throw new GraphQLException("Nested failure")))
                .Field("nonNullChild", "Nested!", f => f.Resolve(_ => null)))
            .Object("Mutation", m => m
                .Field("createUser", "User!", f => f.Argument("name", "String!").Argument("role", "Role", a => a.DefaultValue("VIEWER")).Resolve(c =>
                {
                    var state = (MutationState)c.UserContext!;
                    return new Dictionary<string, object?>
                    {
                        ["__typename"] = "User",
                        ["id"] = $"new-{++state.Created}",
                        ["name"] = c.Arguments["name"],
                        ["email"] = null,
                        ["role"] = c.Arguments["role"],
                        ["friendIds"] = new List<object?>(),
                        ["managerId"] = null,
                        ["score"] = null,
                        ["createdAt"] = "2024-05-01T00:00:00Z",
                    };
                }))
                .Field("increment", "Int!", f => f.Argument("by", "Int", a => a.DefaultValue(1)).Resolve(c =>
                {
                    var state = (MutationState)c.UserContext!;
                    state.Counter += c.Argument<int>("by");
                    return state.Counter;
                })))
            .Object("Subscription", s => s
                .Field("counter", "Int!", f => f.Argument("upTo", "Int!").Subscribe(c => Counter(c.Argument<int>("upTo"))))
                .Field("ping", "String!", f => f.Subscribe(_ => Ping())))
            .Scalar(CustomScalars.DateTime)
            .Scalar(CustomScalars.Decimal)
            .Scalar(CustomScalars.Long)
            .Build();
    }

    private static Action<FieldBuilder> Echo(string type) => f => f.Argument("value", type).Resolve(c => c.Arguments.GetValueOrDefault("value"));

    private static async IAsyncEnumerable<int> Counter(int upTo, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        for (var i = 1; i <= upTo; i++)
        {
            await Task.Yield();
            cancellationToken.ThrowIfCancellationRequested();
            yield return i;
        }
    }

    private static async IAsyncEnumerable<string> Ping()
    {
        await Task.Yield();
        yield return "pong";
    }
}
