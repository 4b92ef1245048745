using TokenOptimizer.Access;
using Xunit;

namespace TokenOptimizer.Query.IntegrationTests;

/// <summary><c>viewer</c>: a key learns its own role and team scope, which the dashboard uses to offer admin actions.</summary>
public sealed class IdentifyingTheCaller(QueryHost host) : IClassFixture<QueryHost>
{
    private const string Viewer = "{ viewer { keyId role team } }";

    public static TheoryData<Role, string?, string> Keys => new()
    {
        { Role.Admin, null, "ADMIN" },
        { Role.Read, null, "READ" },
        { Role.Read, "alpha", "READ" },
    };

    [Theory]
    [MemberData(nameof(Keys))]
    public async Task EachKey_IsToldItsRoleAndTeam(Role role, string? team, string expectedRole)
    {
        var key = await host.CreateKeyAsync(role, team);

        var viewer = (await host.DataAsync(key, Viewer)).GetProperty("viewer");

        Assert.Equal(expectedRole, viewer.GetProperty("role").GetString());
        Assert.Equal(team, viewer.GetProperty("team").GetString());
        // The public id is the one inside tok_<keyId>_<secret>, and nothing of the secret.
        Assert.Equal(key.Split('_')[1], viewer.GetProperty("keyId").GetString());
    }

    [Fact]
    public async Task TheBootstrapAdminKey_IsAnUnscopedAdmin()
    {
        var viewer = (await host.DataAsync(host.AdminKey, Viewer)).GetProperty("viewer");

        Assert.Equal("ADMIN", viewer.GetProperty("role").GetString());
        Assert.Null(viewer.GetProperty("team").GetString());
    }

    [Fact]
    public async Task AnIngestKey_IsRefusedAsForEveryQuery()
    {
        var ingest = await host.CreateKeyAsync(Role.Ingest);

        Assert.Equal(403, (await host.GraphQLAsync(ingest, Viewer)).Status);
    }
}
