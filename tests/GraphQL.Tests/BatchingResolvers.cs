namespace TokenOptimizer.GraphQL.Tests;

public class BatchingResolvers
{
    [Fact]
    public async Task ListOfParents_IsResolvedInOneBatch()
    {
        var batches = new List<int>();
        var schema = TestSchema.Build(onAuthorBatch: sources =>
        {
            lock (batches)
            {
                batches.Add(sources.Count);
            }

            return sources;
        });

        var json = await TestSchema.RunAsync("{ posts { author { name } } }", schema: schema);

        Assert.Equal([3], batches);
        Assert.Equal("""{"data":{"posts":[{"author":{"name":"Ada"}},{"author":{"name":"Ada"}},{"author":{"name":"Grace"}}]}}""", json);
    }

    [Fact]
    public async Task NestedLevels_BatchAcrossAllParents()
    {
        var batches = new List<int>();
        var schema = TestSchema.Build(onAuthorBatch: sources =>
        {
            lock (batches)
            {
                batches.Add(sources.Count);
            }

            return sources;
        });

        // posts → author (batch of 3: Ada, Ada, Grace) → their posts (2 + 2 + 1) → author: one batch of 5, not one per author.
        await TestSchema.RunAsync("{ posts { author { posts { author { name } } } } }", schema: schema);

        Assert.Equal([3, 5], batches);
    }

    [Fact]
    public async Task AsyncBatchResolver_IsBatchedToo()
    {
        var calls = 0;
        var schema = new SchemaBuilder()
            .Object("Query", q => q.Field("numbers", "[Number!]!", f => f.ResolveAsync(async _ =>
            {
                await Task.Delay(5);
                return Enumerable.Range(1, 5).ToList();
            })))
            .Object("Number", o => o.Field("square", "Int!", f => f.ResolveBatch<int, int>(async (numbers, cancellationToken) =>
            {
                Interlocked.Increment(ref calls);
                await Task.Delay(5, cancellationToken);
                return numbers.Select(n => n * n).ToList();
            })))
            .Build();

        var json = await TestSchema.RunAsync("{ numbers { square } }", schema: schema);

        Assert.Equal(1, calls);
        Assert.Equal("""{"data":{"numbers":[{"square":1},{"square":4},{"square":9},{"square":16},{"square":25}]}}""", json);
    }

    [Fact]
    public async Task FailingBatch_FailsEveryFieldOfTheBatch()
    {
        var schema = new SchemaBuilder()
            .Object("Query", q => q.Field("items", "[Item!]!", f => f.Resolve(_ => new[] { 1, 2 })))
            .Object("Item", o => o.Field("value", "String", f => f.ResolveBatch(_ => throw new GraphQLException("Store down"))))
            .Build();

        var result = await new GraphQLExecutor(schema).ExecuteAsync(new GraphQLRequest { Query = "{ items { value } }" });

        Assert.Equal(2, result.Errors!.Count);
        Assert.All(result.Errors, e => Assert.Equal("Store down", e.Message));
    }

    [Fact]
    public async Task NamedLoader_FetchesKeysFromManyFieldsInOneCall()
    {
        var fetches = new List<string>();
        Task<IReadOnlyDictionary<string, string>> FetchNames(IReadOnlyList<string> ids, CancellationToken cancellationToken)
        {
            lock (fetches)
            {
                fetches.Add(string.Join(",", ids));
            }

            IReadOnlyDictionary<string, string> names = ids.ToDictionary(id => id, id => id.ToUpperInvariant());
            return Task.FromResult(names);
        }

        var schema = new SchemaBuilder()
            .Object("Query", q => q.Field("rows", "[Row!]!", f => f.Resolve(_ => new[] { "a", "b", "a" })))
            .Object("Row", o => o
                .Field("owner", "String", f => f.ResolveAsync(c => c.LoadAsync<string, string>("names", (string)c.Source!, FetchNames)))
                .Field("reviewer", "String", f => f.ResolveAsync(c => c.LoadAsync<string, string>("names", (string)c.Source! + "-r", FetchNames))))
            .Build();

        var json = await TestSchema.RunAsync("{ rows { owner reviewer } }", schema: schema);

        Assert.Equal(["a,a-r,b,b-r"], fetches);
        Assert.Equal("""{"data":{"rows":[{"owner":"A","reviewer":"A-R"},{"owner":"B","reviewer":"B-R"},{"owner":"A","reviewer":"A-R"}]}}""", json);
    }

    [Fact]
    public async Task LoaderCalledAfterOwnIo_IsStillDispatched()
    {
        var schema = new SchemaBuilder()
            .Object("Query", q => q.Field("late", "String", f => f.ResolveAsync(async c =>
            {
                await Task.Delay(10);
                return await c.LoadAsync<int, string>("late", 7, (keys, _) =>
                    Task.FromResult<IReadOnlyDictionary<int, string>>(keys.ToDictionary(k => k, k => $"v{k}")));
            })))
            .Build();

        var json = await TestSchema.RunAsync("{ late }", schema: schema).WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal("""{"data":{"late":"v7"}}""", json);
    }
}
