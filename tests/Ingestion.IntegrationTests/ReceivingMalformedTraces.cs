using System.Net;
using System.Text;
using System.Text.Json;
using Google.Protobuf;
using Xunit;
using static TokenOptimizer.Ingestion.IntegrationTests.OtlpRequests;

namespace TokenOptimizer.Ingestion.IntegrationTests;

public sealed class ReceivingMalformedTraces(IngestionHost host) : IClassFixture<IngestionHost>
{
    private static readonly (string, object)[] Resource = [("service.name", "support-bot")];

    public static TheoryData<string, string, bool, string> MalformedBodies => new()
    {
        // A length-delimited field 1 whose length runs past the end of the body.
        { "truncated protobuf", Protobuf, false, "\n\u007f" },
        { "unfinished JSON", Json, false, """{"resourceSpans": [""" },
        { "JSON of the wrong shape", Json, false, """{"resourceSpans": {"oops": 1}}""" },
        { "a span id that is not hex", Json, false, """{"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"zz","spanId":"00"}]}]}]}""" },
        { "gzip that is not gzip", Json, true, "{}" },
    };

    [Theory]
    [MemberData(nameof(MalformedBodies))]
    public async Task MalformedBody_Gets400SayingWhy_AndNothingAcceptedAroundItIsLost(string what, string mediaType, bool claimsGzip, string body)
    {
        // Given a good export, then a malformed one, then another good one
        var before = Span(TimeSpan.FromSeconds(1), Chat("openai", "gpt-4o", 100, 10));
        var after = Span(TimeSpan.FromSeconds(1), Chat("openai", "gpt-4o", 100, 10));
        var bad = Body(Encoding.UTF8.GetBytes(body), mediaType);
        if (claimsGzip)
        {
            bad.Headers.ContentEncoding.Add("gzip");
        }

        // When they are sent in turn
        var first = await host.Http.PostAsync("/v1/traces", Body(Export(Resource, before)));
        var refused = await host.Http.PostAsync("/v1/traces", bad);
        var last = await host.Http.PostAsync("/v1/traces", Body(Encoding.UTF8.GetBytes(JsonOf(Export(Resource, after))), Json));

        // Then the malformed one gets 400 with a google.rpc.Status naming the fault, and both good ones are stored
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var message = mediaType == Protobuf
            ? Google.Rpc.Status.Parser.ParseFrom(await refused.Content.ReadAsByteArrayAsync()).Message
            : JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement.GetProperty("message").GetString()!;
        Assert.Contains(ExpectedFault(what), message);
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, last.StatusCode));
        Assert.NotNull(await host.FindIngestedAsync(null, RequestIdOf(before)));
        Assert.NotNull(await host.FindIngestedAsync(null, RequestIdOf(after)));
    }

    [Fact]
    public async Task UnsupportedContentType_Gets415()
    {
        var response = await host.Http.PostAsync("/v1/traces", new StringContent("spans", Encoding.UTF8, "text/plain"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Contains("application/x-protobuf", await response.Content.ReadAsStringAsync());
    }

    private static string ExpectedFault(string what) => what switch
    {
        "truncated protobuf" => "not an OTLP ExportTraceServiceRequest in protobuf",
        "a span id that is not hex" => "'resourceSpans[0].scopeSpans[0].spans[0].traceId' is not a hex string",
        "gzip that is not gzip" => "not valid gzip",
        _ => "not an OTLP ExportTraceServiceRequest in OTLP/JSON",
    };
}
