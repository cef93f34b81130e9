using System.Diagnostics;

namespace Bot.Telemetry;

/// <summary>
/// Keeps the ASP.NET Core and HttpClient spans free of what a trace backend should not hold: the download links carry
/// a signed token in their path (<c>/downloads/{token}</c>), connector paths carry conversation ids, and a webhook's path
/// may be its receiver's secret. Spans keep the route template and the origin, which is what an operator groups by.
/// </summary>
internal static class TelemetryPrivacy
{
    public static bool IsHealthProbe(PathString path) => path.StartsWithSegments("/healthz") || path.StartsWithSegments("/readyz");

    public static void RouteInsteadOfPath(Activity span, HttpResponse response)
    {
        // No route (a 404) means no template to show; the raw path could be a mistyped download link.
        span.SetTag("url.path", (response.HttpContext.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText);
        span.SetTag("url.query", null);
    }

    public static void OriginInsteadOfUrl(Activity span, HttpRequestMessage request)
    {
        if (request.RequestUri is { IsAbsoluteUri: true } uri)
        {
            span.SetTag("url.full", uri.GetLeftPart(UriPartial.Authority));
        }
    }
}
