using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TokenOptimizer.Access;
using Xunit;

namespace TokenOptimizer.Ingestion.IntegrationTests;

/// <summary>Who may send usage and read the operator's lists: ingest keys send, admin keys administer, nobody else.</summary>
public sealed class RequiringApiKeys(IngestionHost host) : IClassFixture<IngestionHost>
{
    [Fact]
    public async Task NoKey_Gets401_BeforeTheBodyIsRead()
    {
        using var anonymous = host.Client(key: null);

        var response = await anonymous.PostAsync("/v1/usage", new StringContent("{\"requestId\": ", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task ReadKey_Gets403_AndNothingIsStored()
    {
        using var reader = host.Client(await host.CreateKeyAsync(Role.Read));
        var record = SampleUsage.Gpt4o();

        var response = await reader.PostAsJsonAsync("/v1/usage", record);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(0, await host.CountStreamEventsAsync(record));
    }

    [Fact]
    public async Task AdminKey_Gets403_WhenSendingUsage()
    {
        using var admin = host.Client(host.AdminKey);

        var response = await admin.PostAsJsonAsync("/v1/usage", SampleUsage.Gpt4o());

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task IngestKey_Gets202()
    {
        using var producer = host.Client(await host.CreateKeyAsync(Role.Ingest));
        var record = SampleUsage.Gpt4o();

        var response = await producer.PostAsJsonAsync("/v1/usage", record);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.NotNull(await host.FindIngestedAsync(record));
    }

    [Fact]
    public async Task TeamScopedIngestKey_Gets202_ForItsOwnTeamsRecords()
    {
        using var producer = host.Client(await host.CreateKeyAsync(Role.Ingest, team: "support"));
        var records = new[] { SampleUsage.Gpt4o(), SampleUsage.Gpt4o() };

        var response = await producer.PostAsJsonAsync("/v1/usage", records);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(2, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accepted").GetInt32());
    }

    [Fact]
    public async Task TeamScopedIngestKey_WithAnotherTeamsOrNoTeamsRecord_Gets400NamingIndexAndTeam_AndStoresNothing()
    {
        // Given a key for the support team, and a batch whose records 1 and 2 are not support's
        using var producer = host.Client(await host.CreateKeyAsync(Role.Ingest, team: "support"));
        var own = SampleUsage.Gpt4o();
        var other = SampleUsage.Gpt4o() with { Team = "search" };
        var none = SampleUsage.Gpt4o() with { Team = null };

        // When
        var response = await producer.PostAsJsonAsync("/v1/usage", new[] { own, other, none });

        // Then
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(["team"], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
        var messages = problem.GetProperty("errors").GetProperty("team").EnumerateArray().Select(m => m.GetString()!).ToList();
        Assert.Collection(
            messages,
            m => Assert.Contains("Record 1 is for team 'search'", m, StringComparison.Ordinal),
            m => Assert.Contains("Record 2 names no team", m, StringComparison.Ordinal));
        Assert.Equal([1, 2], problem.GetProperty("indexes").EnumerateArray().Select(i => i.GetInt32()));
        foreach (var record in new[] { own, other, none })
        {
            Assert.Equal(0, await host.CountStreamEventsAsync(record));
            Assert.Equal(0, await host.CountQuarantinedAsync(record.RequestId));
        }
    }

    [Theory]
    [InlineData("/v1/quarantine")]
    [InlineData("/v1/unpriced-models")]
    [InlineData("/v1/admin/model-prices")]
    [InlineData("/v1/admin/api-keys")]
    public async Task AdminRoute_WithIngestKey_Gets403(string path)
    {
        using var producer = host.Client(host.IngestKey);

        var response = await producer.GetAsync(path);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task SettingAPrice_WithIngestKey_Gets403_BeforeTheBodyIsValidated()
    {
        using var producer = host.Client(host.IngestKey);

        var response = await producer.PostAsJsonAsync("/v1/admin/model-prices", new { provider = "openai" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task AdminRoute_WithAdminKey_Gets200()
    {
        using var admin = host.Client(host.AdminKey);

        var response = await admin.GetAsync("/v1/quarantine");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task HealthEndpoints_StayOpen()
    {
        using var anonymous = host.Client(key: null);

        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/alive")).StatusCode);
    }
}
