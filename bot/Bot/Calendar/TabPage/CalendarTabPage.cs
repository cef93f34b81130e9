using System.Collections.Frozen;
using System.Net;
using System.Security.Cryptography;

namespace Bot.Calendar.TabPage;

/// <summary>
/// The content calendar's Teams tab as the browser loads it: the personal and channel tab page, the configurable tab's
/// configuration page, their stylesheet and ES modules (embedded in the assembly), and the teams-js bundle the scripts
/// install from npm. Plain files, no server-side rendering: every word and date is drawn by the page from the tab API.
/// </summary>
internal static partial class CalendarTabPage
{
    public const string TeamsJsPath = "/tab/lib/teams-js.min.js";

    /// <summary>Where the build copies the teams-js bundle from .tools/ (see Bot.csproj).</summary>
    public static string TeamsJsFile { get; } = Path.Combine(AppContext.BaseDirectory, "TabPage", "lib", "teams-js.min.js");

    // The hosts Microsoft lists for a tab's frame-ancestors (Teams web and desktop, Outlook, the Microsoft 365 app);
    // nobody else may frame the page, which keeps a look-alike host from wrapping it.
    // https://learn.microsoft.com/microsoftteams/platform/tabs/how-to/tab-requirements
    private const string FrameAncestors =
        "'self' teams.microsoft.com *.teams.microsoft.com *.skype.com *.office.com outlook.office.com outlook.office365.com *.microsoft365.com *.cloud.microsoft";

    // Scripts and styles from this origin only: no inline script or style, no CDN. teams-js talks to its host with
    // postMessage, which CSP does not govern; connect-src 'self' also stops it fetching its origin list from a CDN, so
    // it falls back to the list it carries.
    private const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
        + "base-uri 'none'; form-action 'none'; frame-ancestors " + FrameAncestors;

    private static readonly FrozenDictionary<string, string> ContentTypes = new Dictionary<string, string>
    {
        [".html"] = "text/html; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
    }.ToFrozenDictionary();

    private static readonly Lazy<FrozenDictionary<string, PageFile>> Files = new(LoadEmbeddedFiles);

    public static IEndpointRouteBuilder MapCalendarTabPage(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/tab").ExcludeFromDescription();
        group.MapGet("/calendar", (HttpContext context, IConfiguration configuration) => Serve(context, configuration, "calendar.html"));
        group.MapGet("/config", (HttpContext context, IConfiguration configuration) => Serve(context, configuration, "config.html"));
        group.MapGet("/assets/{name}", (HttpContext context, IConfiguration configuration, string name) =>
            Path.GetExtension(name) is ".css" or ".js" ? Serve(context, configuration, name) : Results.NotFound());
        group.MapGet("/lib/teams-js.min.js", (HttpContext context, IConfiguration configuration, ILoggerFactory loggers) =>
        {
            if (!Allowed(context, configuration))
            {
                return Results.NotFound();
            }

            if (!File.Exists(TeamsJsFile))
            {
                LogTeamsJsMissing(loggers.CreateLogger(typeof(CalendarTabPage)), TeamsJsFile);
                return Results.NotFound();
            }

            SetSecurityHeaders(context.Response, html: false);
            return Results.File(TeamsJsFile, ContentTypes[".js"], enableRangeProcessing: false);
        });
        return endpoints;
    }

    /// <summary>
    /// Without an app id the bot runs as a local development instance, whose tab signs people in with a picker; such a
    /// page is for this machine only, as is the API behind it.
    /// </summary>
    private static bool Allowed(HttpContext context, IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration["MicrosoftAppId"])
        || (context.Connection.RemoteIpAddress is { } remote && IPAddress.IsLoopback(remote));

    private static IResult Serve(HttpContext context, IConfiguration configuration, string name)
    {
        if (!Allowed(context, configuration) || !Files.Value.TryGetValue(name, out var file))
        {
            return Results.NotFound();
        }

        var response = context.Response;
        SetSecurityHeaders(response, html: name.EndsWith(".html", StringComparison.Ordinal));
        response.Headers.ETag = file.ETag;
        if (context.Request.Headers.IfNoneMatch.Any(tag => tag == file.ETag))
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }

        return Results.Bytes(file.Content, file.ContentType);
    }

    private static void SetSecurityHeaders(HttpResponse response, bool html)
    {
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers["Referrer-Policy"] = "no-referrer";
        // Revalidated on every load (cheap with the ETag), so a deployment's new page and scripts arrive together.
        response.Headers.CacheControl = "no-cache";
        if (html)
        {
            response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        }
    }

    private static FrozenDictionary<string, PageFile> LoadEmbeddedFiles()
    {
        const string prefix = "Bot.Calendar.TabPage.";
        var assembly = typeof(CalendarTabPage).Assembly;
        var files = new Dictionary<string, PageFile>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(name => name.StartsWith(prefix, StringComparison.Ordinal)))
        {
            var name = resource[prefix.Length..];
            if (!ContentTypes.TryGetValue(Path.GetExtension(name), out var contentType))
            {
                continue;
            }

            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var content = copy.ToArray();
            var etag = $"\"{Convert.ToHexStringLower(SHA256.HashData(content))[..16]}\"";
            files[name] = new PageFile(content, contentType, etag);
        }

        return files.ToFrozenDictionary(StringComparer.Ordinal);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The calendar tab's teams-js bundle is missing at {Path}; run scripts/run.sh or scripts/test.sh, which install it from npm. The tab cannot sign in inside Teams without it.")]
    private static partial void LogTeamsJsMissing(ILogger logger, string path);

    private sealed record PageFile(byte[] Content, string ContentType, string ETag);
}
