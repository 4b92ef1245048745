using System.Net;
using System.Text;
using System.Text.Json;
using Xunit;

namespace TokenOptimizer.Ingestion.IntegrationTests;

/// <summary>Usage bodies as a careless or hostile producer writes them, and the problems they get back.</summary>
internal static class RawUsage
{
    /// <summary>A valid record as JSON, with <paramref name="fields"/> (raw JSON values by field name) replacing or adding fields.</summary>
    public static string Record(string requestId, params (string Field, string Json)[] fields)
    {
        var record = JsonSerializer.SerializeToNode(SampleUsage.Gpt4o(requestId), JsonSerializerOptions.Web)!.AsObject();
        foreach (var (field, _) in fields)
        {
            record.Remove(field);
        }

        // Raw, so that the body carries what no serializer writes: 1e300, an escaped NUL or lone surrogate.
        var json = new StringBuilder(record.ToJsonString()[..^1]);
        foreach (var (field, value) in fields)
        {
            json.Append(",\"").Append(field).Append("\":").Append(value);
        }

        return json.Append('}').ToString();
    }

    public static Task<HttpResponseMessage> PostAsync(HttpClient http, string json) =>
        http.PostAsync("/v1/usage", new StringContent(json, Encoding.UTF8, "application/json"));

    /// <summary>The fields a 400 problem names under <c>errors</c>; fails unless the answer is such a problem.</summary>
    public static async Task<IReadOnlyDictionary<string, string[]>> ErrorsAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        return problem.GetProperty("errors").Deserialize<Dictionary<string, string[]>>()!;
    }

    /// <summary>A batch's answer: what was accepted, and the fields each refused record's problem names.</summary>
    public static async Task<(int Accepted, int Rejected, IReadOnlyList<string[]> Fields)> BatchAnswerAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var fields = answer.GetProperty("problems").EnumerateArray()
            .Select(p => p.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal).ToArray()).ToList();
        return (answer.GetProperty("accepted").GetInt32(), answer.GetProperty("rejected").GetInt32(), fields);
    }
}
