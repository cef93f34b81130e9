using System.Globalization;
using Bot.Localization;
using Bot.Reminders;
using Microsoft.Net.Http.Headers;

namespace Bot.Calendar.Tab;

/// <summary>
/// <c>/api/tab/*</c>: the calendar tab's API (issue 19's contract). Signed-in calls carry an Entra ID token (or, in local
/// development, the development sign-in's); the person is its <c>oid</c>. Another team's data is 404, as if it did not
/// exist; a refused move is 422 with the chat's own refusal in the page's language.
/// </summary>
public static partial class TabEndpoints
{
    public const string Prefix = "/api/tab";

    public static IEndpointRouteBuilder MapCalendarTab(this IEndpointRouteBuilder app)
    {
        var anonymous = app.MapGroup(Prefix);
        anonymous.MapGet("/auth-mode", AuthModeAsync);
        anonymous.MapPost("/dev-token", DevTokenAsync);

        var signedIn = app.MapGroup(Prefix).RequireAuthorization(TabSchemes.Policy);
        signedIn.MapGet("/teams", TeamsAsync);
        signedIn.MapGet("/calendar", CalendarAsync);
        signedIn.MapGet("/posts/{id}", PostAsync);
        signedIn.MapPost("/posts/{id}/move", MoveAsync);
        return app;
    }

    private static async Task<IResult> AuthModeAsync(HttpContext context, TabCalendar calendar, CancellationToken cancellationToken)
    {
        if (TabSignInServiceCollectionExtensions.IsEntraMode(context.RequestServices))
        {
            return Results.Json(new { mode = "entra" });
        }

        if (!TabSignInServiceCollectionExtensions.IsLoopback(context))
        {
            return Results.NotFound();
        }

        return Results.Json(new { mode = "development", people = await calendar.KnownPeopleAsync(cancellationToken) });
    }

    private static async Task<IResult> DevTokenAsync(HttpContext context, TabCalendar calendar, DevelopmentSignIn signIn, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        if (TabSignInServiceCollectionExtensions.IsEntraMode(context.RequestServices) || !TabSignInServiceCollectionExtensions.IsLoopback(context))
        {
            return Results.NotFound();
        }

        var request = await ReadJsonAsync<TabDevTokenRequest>(context, cancellationToken);
        if (request?.Id is not { Length: > 0 } id)
        {
            using var language = BotLanguage.Use(LanguageOf(context.Request));
            return Results.BadRequest(new TabMessageJson(Texts.CalendarTabBadDevToken));
        }

        var person = (await calendar.KnownPeopleAsync(cancellationToken)).FirstOrDefault(p => string.Equals(p.Id, id, StringComparison.OrdinalIgnoreCase));
        if (person is null)
        {
            return Results.NotFound();
        }

        LogDevelopmentToken(loggers.CreateLogger(typeof(TabEndpoints)), person.Id);
        return Results.Json(new { token = signIn.TokenFor(person.Id, person.Name) });
    }

    private static async Task<IResult> TeamsAsync(HttpContext context, TabCalendar calendar, CancellationToken cancellationToken)
    {
        if (await TeamsOfCallerAsync(context, calendar, cancellationToken) is not { } teams)
        {
            return Results.Unauthorized();
        }

        return Results.Json(teams.Select(t => t.ToJson()).ToList(), TabJsonContext.Default.ListTabTeamJson);
    }

    private static async Task<IResult> CalendarAsync(HttpContext context, TabCalendar calendar, string? from, string? to, string? team, CancellationToken cancellationToken)
    {
        if (!TryReadDate(from, out var first) || !TryReadDate(to, out var last) || last < first || last.DayNumber - first.DayNumber + 1 > TabCalendar.MaxDays)
        {
            using var language = BotLanguage.Use(LanguageOf(context.Request));
            return Results.BadRequest(new TabMessageJson(Texts.FormatCalendarTabBadRange(TabCalendar.MaxDays)));
        }

        if (await TeamsOfCallerAsync(context, calendar, cancellationToken) is not { } teams)
        {
            return Results.Unauthorized();
        }

        if (team is not null)
        {
            teams = [.. teams.Where(t => t.Team.TeamId == team)];
            if (teams.Count == 0)
            {
                return Results.NotFound();
            }
        }

        return Results.Json(await calendar.CalendarAsync(teams, first, last, cancellationToken), TabJsonContext.Default.TabCalendarJson);
    }

    private static async Task<IResult> PostAsync(HttpContext context, TabCalendar calendar, string id, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(id, out var postId))
        {
            return Results.NotFound();
        }

        if (await TeamsOfCallerAsync(context, calendar, cancellationToken) is not { } teams)
        {
            return Results.Unauthorized();
        }

        // Level names are data; only the default level's is worded, in the reader's language ("Prüfung" in German).
        using var language = BotLanguage.Use(LanguageOf(context.Request));
        return await calendar.DetailsAsync(teams, postId, cancellationToken) is { } details ? Results.Json(details, TabJsonContext.Default.TabPostDetailsJson) : Results.NotFound();
    }

    private static async Task<IResult> MoveAsync(HttpContext context, TabCalendar calendar, TimeProvider timeProvider, string id, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(id, out var postId))
        {
            return Results.NotFound();
        }

        var request = await ReadJsonAsync<TabMoveRequest>(context, cancellationToken);
        if (request is null || !TryReadDate(request.Date, out var day)
            || !TimeOnly.TryParseExact(request.Time, ["HH:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            using var language = BotLanguage.Use(LanguageOf(context.Request));
            return Results.BadRequest(new TabMessageJson(Texts.CalendarTabBadMove));
        }

        if (await TeamsOfCallerAsync(context, calendar, cancellationToken) is not { } teams)
        {
            return Results.Unauthorized();
        }

        if (await calendar.AccessToPostAsync(teams, postId, cancellationToken) is not { } access)
        {
            return Results.NotFound();
        }

        using var refusalLanguage = BotLanguage.Use(LanguageOf(context.Request));
        // The chat's missed-slot card reads the new time the same way: a local time the clocks skip does not exist.
        var zone = Posts.PostConversation.Zone(access.Team);
        if (!MoveSlotAction.TryReadLocalTime(request.Date, request.Time, zone, out var publishAt))
        {
            return Refused(Texts.FormatCalendarTabTimeSkipped(time: request.Time!, date: LocalFormat.Date(day), zone: zone.Id));
        }

        if (publishAt <= timeProvider.GetUtcNow())
        {
            return Refused(Texts.DraftProblemTimeInPast);
        }

        var (moved, result) = await calendar.MoveAsync(access, postId, publishAt, cancellationToken);
        if (result.Post is null)
        {
            return Results.NotFound();
        }

        return moved is not null ? Results.Json(moved, TabJsonContext.Default.TabPostJson) : Refused(ReminderRefusals.Text(result));
    }

    private static IResult Refused(string message) => Results.Json(new TabMessageJson(message), TabJsonContext.Default.TabMessageJson, statusCode: StatusCodes.Status422UnprocessableEntity);

    /// <summary>The caller's teams, or null when the token (already validated) names nobody.</summary>
    private static async Task<IReadOnlyList<TabTeamAccess>?> TeamsOfCallerAsync(HttpContext context, TabCalendar calendar, CancellationToken cancellationToken) =>
        TabPerson.From(context.User) is { } person
            ? await calendar.TeamsOfAsync(person, checkTenant: TabSignInServiceCollectionExtensions.IsEntraMode(context.RequestServices), cancellationToken)
            : null;

    /// <summary>The page sends the Teams client's locale (<c>app.locale</c>) as Accept-Language; German or English.</summary>
    private static CultureInfo LanguageOf(HttpRequest request)
    {
        var preferred = request.GetTypedHeaders().AcceptLanguage
            .OrderByDescending(l => l.Quality ?? 1)
            .Select(l => l.Value.Value)
            .FirstOrDefault(l => l is { Length: > 0 } && l != "*");
        return BotLanguage.FromLocale(preferred);
    }

    private static bool TryReadDate(string? text, out DateOnly day) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day);

    private static async Task<T?> ReadJsonAsync<T>(HttpContext context, CancellationToken cancellationToken)
        where T : class
    {
        if (!context.Request.HasJsonContentType())
        {
            return null;
        }

        try
        {
            return await context.Request.ReadFromJsonAsync<T>(cancellationToken);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Development sign-in token issued for {AadObjectId}")]
    private static partial void LogDevelopmentToken(ILogger logger, string aadObjectId);
}
