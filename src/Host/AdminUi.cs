using Microsoft.Extensions.FileProviders;

namespace Onestop.Host;

/// <summary>
/// The admin single-page app (src/AdminUi, built into wwwroot/admin) at /admin: hashed assets cached for a year,
/// index.html never, and every other path under /admin answered with index.html so deep links open their screen.
/// Without a build, /admin explains how to make one instead of failing (docs/admin-ui.md).
/// </summary>
internal static class AdminUi
{
    public const string Path = "/admin";

    private const string NotBuilt =
        "Giao diện quản trị chưa được xây dựng. / The admin UI has not been built: run `dotnet build src/Host` (it runs npm ci and "
        + "npm run build in src/AdminUi) or `npm ci && npm run build` in src/AdminUi, then restart the host.";

    public static void UseAdminUi(this WebApplication app)
    {
        var root = app.Configuration["AdminUi:Root"] ?? System.IO.Path.Combine(app.Environment.ContentRootPath, "wwwroot", "admin");
        app.Map(Path, admin =>
        {
            if (!File.Exists(System.IO.Path.Combine(root, "index.html")))
            {
                admin.Run(context => Text(context, StatusCodes.Status503ServiceUnavailable, NotBuilt));
                return;
            }

            var files = new PhysicalFileProvider(root);
            admin.UseStaticFiles(new StaticFileOptions { FileProvider = files, OnPrepareResponse = file => Cache(file.Context, file.File.Name) });
            admin.Run(context => IndexAsync(context, files));
        });
    }

    /// <summary>A missing asset is a 404 (an HTML page in its place would break the browser's parsing); any other path is a screen.</summary>
    private static async Task IndexAsync(HttpContext context, IFileProvider files)
    {
        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
        {
            context.Response.Headers.Allow = "GET, HEAD";
            await Text(context, StatusCodes.Status405MethodNotAllowed, "Method not allowed.");
            return;
        }

        if (context.Request.Path.StartsWithSegments("/assets"))
        {
            await Text(context, StatusCodes.Status404NotFound, "Not found.");
            return;
        }

        var index = files.GetFileInfo("index.html");
        Cache(context, index.Name);
        context.Response.ContentType = "text/html; charset=utf-8";
        context.Response.ContentLength = index.Length;
        if (HttpMethods.IsGet(context.Request.Method))
        {
            await context.Response.SendFileAsync(index);
        }
    }

    /// <summary>Vite names assets by their content hash, so they never change; index.html names the current ones.</summary>
    private static void Cache(HttpContext context, string fileName) =>
        context.Response.Headers.CacheControl = context.Request.Path.StartsWithSegments("/assets") && fileName != "index.html"
            ? "public, max-age=31536000, immutable"
            : "no-cache";

    private static Task Text(HttpContext context, int status, string text)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(text);
    }
}
