using System.Text;
using Xunit;

namespace TokenOptimizer.Ingestion.IntegrationTests;

/// <summary>
/// Issue #15: long non-ASCII identifiers passed the 200-character bound but made rollup keys longer than PostgreSQL's
/// index-entry limit (2,704 bytes), and the projections retried them forever. Identifiers are now also bounded in
/// UTF-8 bytes: past the bound they are refused by name; at it, every projection applies them.
/// </summary>
public sealed class IdentifiersPastTheIndexEntryLimit(ProjectingHost host) : IClassFixture<ProjectingHost>
{
    private static readonly string[] Dimensions = ["environment", "feature", "model", "provider", "team", "userId"];

    [Fact]
    public async Task SixIdentifiersOf600Bytes_AreRefusedByName()
    {
        var requestId = "cjk-" + Guid.NewGuid().ToString("N");
        var cjk = Quoted(string.Concat(Enumerable.Repeat("字", 200))); // 200 characters, 600 bytes

        var response = await RawUsage.PostAsync(host.Http, RawUsage.Record(requestId, [.. Dimensions.Select(d => (d, cjk))]));

        var errors = await RawUsage.ErrorsAsync(response);
        Assert.Equal(Dimensions, errors.Keys.Order(StringComparer.Ordinal));
        Assert.All(errors.Values, messages => Assert.Contains("400 bytes", Assert.Single(messages), StringComparison.Ordinal));
    }

    [Fact]
    public async Task SixIdentifiersAtTheBound_AreAccepted_AndEveryProjectionAppliesThem()
    {
        var requestId = "emoji-" + Guid.NewGuid().ToString("N");
        var emoji = string.Concat(Enumerable.Repeat("😀", 100)); // 200 UTF-16 characters, 400 bytes
        Assert.Equal(400, Encoding.UTF8.GetByteCount(emoji));

        var response = await RawUsage.PostAsync(host.Http, RawUsage.Record(requestId, [.. Dimensions.Select(d => (d, Quoted(emoji)))]));

        Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
        await host.Projections.ApplyEverythingAsync();
        Assert.Equal(1L, await host.ScalarAsync<long>($"SELECT sum(request_count)::bigint FROM usage_rollup_user_day WHERE user_id = '{emoji}'"));
        Assert.Equal(1L, await host.ScalarAsync<long>($"SELECT sum(request_count)::bigint FROM usage_rollup_minute WHERE feature = '{emoji}'"));
    }

    private static string Quoted(string text) => System.Text.Json.JsonSerializer.Serialize(text);
}
