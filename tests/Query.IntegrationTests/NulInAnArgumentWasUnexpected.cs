using TokenOptimizer.ReadModels;
using Xunit;

namespace TokenOptimizer.Query.IntegrationTests;

/// <summary>
/// Regression (issue #15): a U+0000 in an argument that is only looked up, such as <c>recommendations(feature:)</c>,
/// reached PostgreSQL and came back as "Unexpected error." (INTERNAL_SERVER_ERROR). It is the caller's mistake:
/// <c>BAD_USER_INPUT</c>, saying what is wrong.
/// </summary>
public sealed class NulInAnArgumentWasUnexpected(QueryHost host) : IClassFixture<QueryHost>
{
    [Fact]
    public async Task NulInRecommendationsFeature_IsBadUserInput()
    {
        // Given the advice list exists (its owner, Recommendations, is not running here), so the feature reaches PostgreSQL
        await using (var create = host.DataSource.CreateCommand(
            $"CREATE SCHEMA IF NOT EXISTS {RecommendationListTable.Schema}; SET LOCAL search_path TO {RecommendationListTable.Schema}; {RecommendationListTable.Ddl}"))
        {
            await create.ExecuteNonQueryAsync();
        }

        var (_, body) = await host.GraphQLAsync(host.AdminKey, "{ recommendations(feature: \"support\\u0000chat\") { id } }");

        var error = body.GetProperty("errors")[0];
        Assert.Equal("BAD_USER_INPUT", error.GetProperty("extensions").GetProperty("code").GetString());
        Assert.Contains("U+0000", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }
}
