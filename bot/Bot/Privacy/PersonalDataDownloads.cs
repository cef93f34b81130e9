using Bot.Hosting;

namespace Bot.Privacy;

/// <summary>Where a personal data link leads; the link is issued by <see cref="MyDataHandler"/>.</summary>
internal static partial class PersonalDataDownloads
{
    public const string Path = "/downloads/my-data";

    /// <summary>
    /// <c>GET /downloads/my-data/{token}</c>: everything stored about the person the link was issued to. An unknown or
    /// tampered token is 404 and an expired one 410, both with an empty body.
    /// </summary>
    public static IEndpointRouteBuilder MapPersonalDataDownloads(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path + "/{token}", async (string token, DownloadTokens tokens, PersonalDataExport export, HttpContext context, ILogger<PersonalDataExport> logger, CancellationToken cancellationToken) =>
        {
            context.Response.Headers.CacheControl = "no-store";
            var (state, download) = tokens.ReadPersonalData(token);
            LogPersonalDataDownload(logger, state.ToString());
            return state switch
            {
                DownloadTokenState.Expired => Results.StatusCode(StatusCodes.Status410Gone),
                DownloadTokenState.Valid => Results.File(await export.ExportAsync(download!.AadObjectId, cancellationToken), "application/json", "my-data.json"),
                _ => Results.NotFound(),
            };
        });
        return app;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Personal data download: {Outcome}")]
    private static partial void LogPersonalDataDownload(ILogger logger, string outcome);
}
