namespace TokenOptimizer.GraphQL.Tests;

public class RunningMutations
{
    [Fact]
    public async Task RootFields_RunSeriallyInDocumentOrder()
    {
        lock (TestSchema.Order)
        {
            TestSchema.Order.Clear();
        }

        // "first" awaits 30 ms; were the fields concurrent, "second" would finish first.
        var json = await TestSchema.RunAsync("mutation { first second }");

        Assert.Equal("""{"data":{"first":1,"second":2}}""", json);
        Assert.Equal([1, 2], TestSchema.Order);
    }

    [Fact]
    public async Task SchemaWithoutMutationType_RejectsMutation()
    {
        var schema = new SchemaBuilder().Object("Query", q => q.Field("a", "Int")).Build();

        var json = await TestSchema.RunAsync("mutation { a }", schema: schema);

        Assert.Contains("Schema is not configured to execute mutation operation.", json, StringComparison.Ordinal);
    }
}
