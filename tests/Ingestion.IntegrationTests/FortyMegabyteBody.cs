using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Xunit;

namespace TokenOptimizer.Ingestion.IntegrationTests;

/// <summary>
/// Issue #15: a 40 MB body to <c>POST /v1/usage</c> had its connection reset, with no answer. Now it gets a 413 problem
/// that says the limit (32 MiB), whether the length is announced or the body comes in chunks, over a real socket.
/// </summary>
public sealed class FortyMegabyteBody(IngestionHost host) : IClassFixture<IngestionHost>
{
    private const int Size = 40_000_000;

    [Fact]
    public async Task WithContentLength_Gets413SayingTheLimit()
    {
        using var content = new ByteArrayContent(Body());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        await AssertRefusedAsync(await SendAsync(content));
    }

    [Fact]
    public async Task Chunked_Gets413SayingTheLimit()
    {
        using var content = new StreamContent(new UnknownLength(Body()));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        await AssertRefusedAsync(await SendAsync(content));
    }

    private async Task<HttpResponseMessage> SendAsync(HttpContent content)
    {
        // A client of its own: the sockets a producer uses, not the test server's in-memory handler.
        using var client = new HttpClient { BaseAddress = host.Url };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", host.IngestKey);
        return await client.PostAsync("/v1/usage", content);
    }

    private static async Task AssertRefusedAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(32 * 1024 * 1024, problem.GetProperty("maxBodyBytes").GetInt64());
        Assert.Contains("33,554,432 bytes", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    // A well-formed batch, so that only its size can be the fault.
    private static byte[] Body()
    {
        var record = JsonSerializer.Serialize(SampleUsage.Gpt4o(), JsonSerializerOptions.Web);
        var body = new StringBuilder(Size + record.Length).Append('[').Append(record);
        while (body.Length < Size)
        {
            body.Append(',').Append(record);
        }

        return Encoding.UTF8.GetBytes(body.Append(']').ToString());
    }

    /// <summary>A stream that hides its length, so the client sends it chunked.</summary>
    private sealed class UnknownLength(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
