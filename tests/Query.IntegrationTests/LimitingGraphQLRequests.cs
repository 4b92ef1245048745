using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using TokenOptimizer.Access;
using TokenOptimizer.Testing;
using Xunit;

namespace TokenOptimizer.Query.IntegrationTests;

/// <summary>
/// The GraphQL limits as the Query service applies them: generous for the dashboard's own operations, configurable
/// under <c>Query:GraphQL</c>, and one request's resolvers sharing a few database connections however many there are.
/// </summary>
public sealed partial class LimitingGraphQLRequests(QueryHost host) : IClassFixture<QueryHost>
{
    [GeneratedRegex(@"^(query|mutation|subscription) (\w+)", RegexOptions.Multiline)]
    private static partial Regex OperationNames();

    private static string? Code(JsonElement body) =>
        body.TryGetProperty("errors", out var errors) ? errors[0].GetProperty("extensions").GetProperty("code").GetString() : null;

    [Fact]
    public async Task EveryDashboardOperation_PassesTheDefaultLimits()
    {
        var document = await File.ReadAllTextAsync(RepositoryFiles.Path("samples", "dashboard-queries.graphql"));
        var operations = OperationNames().Matches(document).Select(m => m.Groups[2].Value).ToList();
        Assert.True(operations.Count >= 15, $"found {operations.Count} operations");

        foreach (var operation in operations)
        {
            // No variables: operations that need some stop at BAD_USER_INPUT, after the limits and before running.
            var (_, body) = await host.Http.GraphQLAsync(host.AdminKey, new { query = document, operationName = operation }, CancellationToken.None);

            Assert.True(Code(body) is not ("QUERY_LIMIT_EXCEEDED" or "QUERY_TIMEOUT"), $"{operation}: {body}");
        }
    }

    [Fact]
    public async Task LimitsConfiguredUnderQueryGraphQL_Apply()
    {
        await using var query = host.Factory.WithWebHostBuilder(web => web.UseSetting("Query:GraphQL:MaxAliases", "2"));
        using var http = query.CreateClient();

        var (_, within) = await http.GraphQLAsync(host.AdminKey, "{ a: viewer { role } b: viewer { role } }");
        var (_, beyond) = await http.GraphQLAsync(host.AdminKey, "{ a: viewer { role } b: viewer { role } c: viewer { role } }");

        Assert.Null(Code(within));
        Assert.Equal("QUERY_LIMIT_EXCEEDED", Code(beyond));
        Assert.Equal("Query uses 3 aliases with its fragments expanded, more than the maximum of 2.", beyond.GetProperty("errors")[0].GetProperty("message").GetString());
    }

    [Fact]
    public async Task TwentyAliasedOverviews_ShareFourConnections()
    {
        // Given a Query service whose connections PostgreSQL can tell apart from everyone else's
        const string Name = "query-sharing-connections";
        var configured = host.Factory.Services.GetRequiredService<IConfiguration>().GetConnectionString("postgres");
        var connectionString = new NpgsqlConnectionStringBuilder(configured) { ApplicationName = Name }.ConnectionString;
        await using var query = host.Factory.WithWebHostBuilder(web => web.UseSetting("ConnectionStrings:postgres", connectionString));
        using var http = query.CreateClient();
        var key = await host.CreateKeyAsync(Role.Read);

        // When one request asks for 20 overviews (5 commands each) with filters that differ, so none is a cached answer
        var aliases = string.Concat(Enumerable.Range(0, 20).Select(i => $"o{i}: overview(filter: {{features: [\"f{i}\"]}}) {{ requests totalCostUsd }} "));
        var (status, body) = await http.GraphQLAsync(key, "{ " + aliases + "}");

        // Then every overview is answered, and the service never held more than its 4 turns (plus the read-model version
        // read and the dashboard feed's poll) of connections: 100 commands did not become 100 connections
        Assert.True(status == 200 && Code(body) is null, body.ToString());
        Assert.Equal(20, body.GetProperty("data").EnumerateObject().Count());
        await using var count = host.DataSource.CreateCommand("SELECT count(*) FROM pg_stat_activity WHERE application_name = $1");
        count.Parameters.Add(new NpgsqlParameter { Value = Name });
        var connections = (long)(await count.ExecuteScalarAsync())!;
        Assert.InRange(connections, 1, 6);
    }
}
