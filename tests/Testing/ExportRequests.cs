using System.Globalization;
using System.Net.Http.Headers;

namespace TokenOptimizer.Testing;

/// <summary>How tests ask the Query service's <c>/export</c> endpoints for a file.</summary>
public static class ExportRequests
{
    /// <summary>GETs <paramref name="pathAndQuery"/> with the key (none when null).</summary>
    public static async Task<HttpResponseMessage> ExportAsync(this HttpClient client, string? key, string pathAndQuery)
    {
        using var request = Get(key, pathAndQuery);
        return await client.SendAsync(request);
    }

    public static HttpRequestMessage Get(string? key, string pathAndQuery)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, pathAndQuery);
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return request;
    }

    /// <summary>An instant as a query-string value: ISO-8601 UTC to the second, escaped.</summary>
    public static string Iso(DateTimeOffset at) => Uri.EscapeDataString(at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));

    /// <summary>An instant as the exports stamp it into their file names.</summary>
    public static string Stamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyyMMdd'T'HHmm'Z'", CultureInfo.InvariantCulture);
}
