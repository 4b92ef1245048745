using Microsoft.AspNetCore.Hosting;

namespace TokenOptimizer.Recommendations.IntegrationTests;

internal static class WebHostSettings
{
    public static IWebHostBuilder ApplySettings(this IWebHostBuilder web, IReadOnlyDictionary<string, string> settings)
    {
        foreach (var (key, value) in settings)
        {
            web.UseSetting(key, value);
        }

        return web;
    }
}
