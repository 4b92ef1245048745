using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using TokenOptimizer.Testing;
using Xunit;

namespace TokenOptimizer.Client.Tests;

/// <summary>How the HTTP transport reads Ingestion's answers: what is retried, what is refused for good.</summary>
public sealed class ClassifyingIngestionAnswers
{
    [Theory]
    [InlineData(503, DeliveryKind.TryAgain)]
    [InlineData(500, DeliveryKind.TryAgain)]
    [InlineData(429, DeliveryKind.TryAgain)]
    [InlineData(408, DeliveryKind.TryAgain)]
    [InlineData(401, DeliveryKind.Refused)]
    [InlineData(400, DeliveryKind.Refused)]
    public async Task Status_DecidesWhetherTheBatchIsSentAgain(int status, DeliveryKind expected)
    {
        var (server, address) = await LoopbackServer.StartAsync(app => app.MapPost("/v1/usage", () => Results.StatusCode(status)));
        await using var _ = server;
        using var transport = new HttpUsageTransport(new TokenOptimizerClientOptions { IngestionUrl = address, ApiKey = "tok_test" });

        var result = await transport.SendAsync([Sample()], CancellationToken.None);

        Assert.Equal(expected, result.Kind);
        Assert.Contains(status.ToString(System.Globalization.CultureInfo.InvariantCulture), result.Reason);
        Assert.DoesNotContain("tok_test", result.Reason);
    }

    [Fact]
    public async Task Accepted_CountsTheRecordsIngestionRejected_AndSendsTheKey()
    {
        string? authorization = null;
        var (server, address) = await LoopbackServer.StartAsync(app => app.MapPost("/v1/usage", (HttpRequest request) =>
        {
            authorization = request.Headers.Authorization;
            return Results.Json(new { accepted = 1, duplicates = 0, rejected = 2, unpriced = 0, problems = Array.Empty<object>() }, statusCode: 202);
        }));
        await using var _ = server;
        using var transport = new HttpUsageTransport(new TokenOptimizerClientOptions { IngestionUrl = address, ApiKey = "tok_test" });

        var result = await transport.SendAsync([Sample(), Sample(), Sample()], CancellationToken.None);

        Assert.Equal(DeliveryResult.Delivered(rejected: 2), result);
        Assert.Equal("Bearer tok_test", authorization);
    }

    private static Contracts.UsageRecorded Sample() =>
        UsageRecords.Succeeded("openai", "gpt-4o", new TokenCounts(10, 2), DateTimeOffset.UtcNow, TimeSpan.FromMilliseconds(3));
}
