using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using TokenOptimizer.Access;

namespace TokenOptimizer.Testing;

/// <summary>What every service's test host does with API keys: send one, and make one as an operator would.</summary>
public static class ApiKeyRequests
{
    /// <summary>Makes <paramref name="client"/> send <paramref name="key"/> with every request (none when it is null).</summary>
    public static HttpClient WithApiKey(this HttpClient client, string? key)
    {
        client.DefaultRequestHeaders.Authorization = key is null ? null : new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    /// <summary>A new key from <c>POST /v1/admin/api-keys</c>, sent with <paramref name="adminKey"/>.</summary>
    public static async Task<string> CreateApiKeyAsync(this HttpClient client, string adminKey, Role role, string? team = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/admin/api-keys")
        {
            Content = JsonContent.Create(new { name = "tests: " + role.ToName(), role = role.ToName(), team }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", adminKey);
        using var response = await client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString()!;
    }
}
