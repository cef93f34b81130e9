using Microsoft.Net.Http.Headers;

namespace Bot.Calendar.Feed;

/// <summary>
/// <c>GET /calendar/feed/{token}.ics</c>: the feed a calendar subscribes to. The token is the only credential, so every
/// failure is the same bare 404: unknown, revoked, tampered, or a team feed whose maker no longer coordinates the team.
/// Calendars poll often; an unchanged feed answers 304 to its ETag or Last-Modified without a body.
/// </summary>
internal static partial class CalendarFeedEndpoint
{
    public const string PathPrefix = "/calendar/feed/";
    public const string ContentType = "text/calendar; charset=utf-8";

    public static IEndpointRouteBuilder MapCalendarFeed(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapMethods(PathPrefix + "{token}.ics", [HttpMethods.Get, HttpMethods.Head], ServeAsync).ExcludeFromDescription();
        return endpoints;
    }

    private static async Task<IResult> ServeAsync(
        string token,
        HttpContext context,
        CalendarFeeds feeds,
        CalendarFeedQuery query,
        CalendarFeedWriter writer,
        TimeProvider timeProvider,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        var feed = await feeds.FindAsync(token, cancellationToken);
        var content = feed is null ? null : await query.ReadAsync(feed, cancellationToken);
        if (feed is null || content is null)
        {
            return Results.StatusCode(StatusCodes.Status404NotFound);
        }

        var rendered = writer.Render(content, timeProvider.GetUtcNow());
        var changedAt = await feeds.RecordPollAsync(feed, rendered.ContentHash, cancellationToken);
        var etag = new EntityTagHeaderValue($"\"{rendered.ContentHash[..32]}\"");
        // HTTP dates have whole seconds; a Last-Modified rounded down would make the next If-Modified-Since look stale.
        var lastModified = new DateTimeOffset(changedAt.UtcTicks - (changedAt.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);

        var response = context.Response;
        var headers = response.GetTypedHeaders();
        headers.ETag = etag;
        headers.LastModified = lastModified;
        headers.CacheControl = new CacheControlHeaderValue { Private = true, NoCache = true };
        LogServed(loggers.CreateLogger(typeof(CalendarFeedEndpoint).FullName!), feed.Id, content.Posts.Count);
        if (NotModified(context.Request, etag, lastModified))
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }

        response.ContentType = ContentType;
        response.ContentLength = rendered.Length;
        return new FeedResult(rendered);
    }

    /// <summary>RFC 9110 section 13.2.2: If-None-Match decides when present; If-Modified-Since only without it.</summary>
    private static bool NotModified(HttpRequest request, EntityTagHeaderValue etag, DateTimeOffset lastModified)
    {
        var headers = request.GetTypedHeaders();
        if (request.Headers.IfNoneMatch.Count > 0)
        {
            return headers.IfNoneMatch.Any(candidate => candidate.Equals(EntityTagHeaderValue.Any) || candidate.Compare(etag, useStrongComparison: false));
        }

        return headers.IfModifiedSince is { } since && lastModified <= since;
    }

    private sealed class FeedResult(RenderedFeed rendered) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext) =>
            HttpMethods.IsHead(httpContext.Request.Method) ? Task.CompletedTask : rendered.WriteToAsync(httpContext.Response.BodyWriter, httpContext.RequestAborted);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Calendar feed {FeedId} served with {Posts} posts")]
    private static partial void LogServed(ILogger logger, Guid feedId, int posts);
}
