using Microsoft.Extensions.FileProviders;

namespace TokenOptimizer.Query.ServingTheDashboard;

/// <summary>
/// Serves the built dashboard at <c>/</c>: its files as they are, and <c>index.html</c> for any other path that is not
/// the API (the app routes in the browser), so a bookmarked view loads. The files are public: the app asks for an API
/// key and every figure comes from the API, which checks it. Without a built dashboard, <c>/</c> says how to build one.
/// </summary>
public static class DashboardFiles
{
    public static WebApplication MapDashboard(this WebApplication app)
    {
        var folder = Locate(app.Configuration[$"{DashboardOptions.Section}:Path"], app.Environment.ContentRootPath);
        if (folder is null)
        {
            app.MapGet("/", () => Results.Text(
                "The dashboard is not built. Run `npm ci && npm run build` in dashboard/ (dotnet run --project AppHost does it for you), or set Dashboard:Path.",
                "text/plain; charset=utf-8"));
            return app;
        }

        var files = new PhysicalFileProvider(folder);
        var options = new StaticFileOptions
        {
            FileProvider = files,
            // Vite names assets by content hash: cache them for good; index.html is revalidated so a rebuild shows at once.
            OnPrepareResponse = context => context.Context.Response.Headers.CacheControl =
                context.File.Name == "index.html" ? "no-cache" : "public, max-age=31536000, immutable",
        };
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.UseStaticFiles(options);
        app.MapFallbackToFile("{*path:nonfile}", "index.html", options);
        return app;
    }

    /// <summary>The configured folder, else <c>dashboard/dist</c> in the nearest folder above the content root that has one.</summary>
    public static string? Locate(string? configured, string contentRoot)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return File.Exists(Path.Combine(configured, "index.html")) ? Path.GetFullPath(configured) : null;
        }

        for (var directory = new DirectoryInfo(contentRoot); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "dashboard", "dist");
            if (File.Exists(Path.Combine(candidate, "index.html")))
            {
                return candidate;
            }
        }

        return null;
    }
}
