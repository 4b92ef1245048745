using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Xunit;

namespace TokenOptimizer.Ingestion.IntegrationTests;

/// <summary>
/// Issue #15: there was no rate limit anywhere. A key past its limit (here configured small) gets 429 with
/// <c>Retry-After</c> and a problem naming the limit; another key is not held back by it.
/// </summary>
public sealed class RateLimitedKey(RateLimitedKey.Host host) : IClassFixture<RateLimitedKey.Host>
{
    [Fact]
    public async Task KeyPastItsLimit_Gets429WithRetryAfter_AnotherKeyDoesNot()
    {
        var otherKey = await host.CreateKeyAsync(TokenOptimizer.Access.Role.Ingest);
        var statuses = new List<HttpResponseMessage>();
        while (statuses.Count < 20 && statuses.LastOrDefault()?.StatusCode != HttpStatusCode.TooManyRequests)
        {
            statuses.Add(await host.Http.PostAsJsonAsync("/v1/usage", SampleUsage.Gpt4o()));
        }

        Assert.Equal([HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.Accepted], statuses.Take(3).Select(s => s.StatusCode));
        var refused = statuses[^1];
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), "Retry-After should say when to come back");
        var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(429, problem.GetProperty("status").GetInt32());
        Assert.Contains("RequestLimits:Ingestion", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        // The other key has a bucket of its own, still full: three calls at once pass.
        var other = host.Client(otherKey);
        var others = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => other.PostAsJsonAsync("/v1/usage", SampleUsage.Gpt4o())));
        Assert.All(others, response => Assert.Equal(HttpStatusCode.Accepted, response.StatusCode));
    }

    public sealed class Host : IngestionHost
    {
        protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
        {
            ["RequestLimits:Ingestion:Burst"] = "3",
            ["RequestLimits:Ingestion:PermitsPerSecond"] = "1",
        };
    }
}
