using Bot.Hosting;
using Bot.Localization;
using Bot.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Bot.Digest;

internal static partial class DigestChartEndpoint
{
    public const string Path = "/downloads/digest-chart";

    /// <summary>
    /// <c>GET /downloads/digest-chart/{token}</c>: the PNG a digest links to, drawn from the stored figures when asked.
    /// Unknown, tampered and expired tokens are all 404 with no body: an image link tells a guesser nothing.
    /// </summary>
    public static IEndpointRouteBuilder MapDigestChart(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path + "/{token}", async (string token, DownloadTokens tokens, DigestComposer composer, BotDbContext database, HttpContext context, ILogger<DigestComposer> logger, CancellationToken cancellationToken) =>
        {
            // Teams fetches the picture when the card is shown; an hour of caching spares re-drawing it on every scroll.
            context.Response.GetTypedHeaders().CacheControl = new Microsoft.Net.Http.Headers.CacheControlHeaderValue { Private = true, MaxAge = TimeSpan.FromHours(1) };
            var (state, grant) = tokens.ReadDigestChart(token);
            if (grant is null || !await database.Teams.AnyAsync(t => t.TeamId == grant.TeamId, cancellationToken))
            {
                LogChart(logger, state.ToString(), null);
                return Results.NotFound();
            }

            using var language = BotLanguage.Use(BotLanguage.FromLocale(grant.Language));
            var png = EngagementChart.Render(await composer.ChartAsync(grant.TeamId, grant.Today, cancellationToken), Texts.DigestChartTitle, BotLanguage.Current);
            LogChart(logger, "served", grant.TeamId);
            return Results.File(png, "image/png");
        });
        return app;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Digest chart {Outcome} for team {TeamId}")]
    private static partial void LogChart(ILogger logger, string outcome, string? teamId);
}
