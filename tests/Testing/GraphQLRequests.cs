using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace TokenOptimizer.Testing;

/// <summary>How tests talk to the Query service's GraphQL endpoint.</summary>
public static class GraphQLRequests
{
    /// <summary>Posts an operation with the key (none when null); returns the status code and the parsed response.</summary>
    public static Task<(int Status, JsonElement Body)> GraphQLAsync(this HttpClient client, string? key, string query, object? variables = null) =>
        client.GraphQLAsync(key, new { query, variables }, CancellationToken.None);

    /// <summary>Posts any request body (<c>query</c>, <c>operationName</c>, <c>variables</c>) with the key, until cancelled.</summary>
    public static async Task<(int Status, JsonElement Body)> GraphQLAsync(this HttpClient client, string? key, object body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = JsonContent.Create(body) };
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        using var response = await client.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        return ((int)response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }
}
