using Bot.Hosting;

namespace Bot.AuditExport;

/// <summary>Where an audit download link leads; the link is issued by <see cref="ExportAuditHandler"/>.</summary>
internal static partial class AuditDownloads
{
    public const string Path = "/downloads";

    /// <summary>
    /// <c>GET /downloads/{token}</c>: the file a link grants. An unknown or tampered token is 404 and an expired one 410,
    /// both with an empty body; nothing tells a guesser whether a team or period exists.
    /// </summary>
    public static IEndpointRouteBuilder MapAuditDownloads(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path + "/{token}", async (string token, DownloadTokens tokens, AuditExporter export, HttpContext context, ILogger<AuditExporter> logger, CancellationToken cancellationToken) =>
        {
            context.Response.Headers.CacheControl = "no-store";
            var (state, download) = tokens.Read(token);
            if (state == DownloadTokenState.Expired)
            {
                LogDownload(logger, "expired", null);
                return Results.StatusCode(StatusCodes.Status410Gone);
            }

            var csv = download is null ? null : await export.CsvAsync(download, cancellationToken);
            if (csv is null)
            {
                LogDownload(logger, "refused", download?.TeamId);
                return Results.NotFound();
            }

            LogDownload(logger, "served", download!.TeamId);
            return Results.File(csv, "text/csv; charset=utf-8", AuditExporter.FileName(download.FirstDay, download.LastDay));
        });
        return app;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Audit download {Outcome} for team {TeamId}")]
    private static partial void LogDownload(ILogger logger, string outcome, string? teamId);
}
