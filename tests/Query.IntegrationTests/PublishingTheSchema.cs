using Xunit;

namespace TokenOptimizer.Query.IntegrationTests;

/// <summary>
/// The dashboard's typed operations are checked against <c>dashboard/src/api/schema.graphql</c>; this keeps that file
/// equal to the schema the service serves. After changing the schema, run this test with
/// <c>UPDATE_DASHBOARD_SCHEMA=1</c> to rewrite the file, and commit it.
/// </summary>
public sealed class PublishingTheSchema(QueryHost host) : IClassFixture<QueryHost>
{
    [Fact]
    public async Task TheDashboardsCopyOfTheSchema_IsTheServedSchema()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/graphql/schema.graphql");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", host.AdminKey);
        using var response = await host.Http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        var served = await response.Content.ReadAsStringAsync();
        var file = RepositoryFiles.Path("dashboard", "src", "api", "schema.graphql");
        if (Environment.GetEnvironmentVariable("UPDATE_DASHBOARD_SCHEMA") == "1")
        {
            await File.WriteAllTextAsync(file, served);
        }

        Assert.True(File.Exists(file), $"{file} is missing: run this test with UPDATE_DASHBOARD_SCHEMA=1");
        Assert.Equal(served, await File.ReadAllTextAsync(file));
    }
}
