namespace TokenOptimizer.GraphQL.Tests;

public class Smoke
{
    [Fact]
    public async Task SimpleQuery_ReturnsData()
    {
        var json = await TestSchema.RunAsync("{ hello posts { id title price views author { name joinedAt } } }");
        Assert.Equal("""{"data":{"hello":"Hello, world!","posts":[{"id":"p1","title":"Parsing","price":"12.3456","views":9000000000,"author":{"name":"Ada","joinedAt":"2024-01-02T03:04:05Z"}},{"id":"p2","title":"Validation","price":"0.1","views":2,"author":{"name":"Ada","joinedAt":"2024-01-02T03:04:05Z"}},{"id":"p3","title":"Execution","price":"19.99","views":3,"author":{"name":"Grace","joinedAt":"2023-06-07T08:09:10Z"}}]}}""", json);
    }
}
