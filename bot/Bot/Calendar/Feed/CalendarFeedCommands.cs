using Bot.Delivery;
using Bot.Hosting;
using Bot.Localization;
using Bot.Persistence;
using Bot.Protocol.Builder;
using Bot.Protocol.Connector;
using Bot.Protocol.Schema;
using Bot.Teams;
using Bot.Turns;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Bot.Calendar.Feed;

/// <param name="Only">Which feeds a revoke is about; <c>null</c> for all of the person's.</param>
public sealed record CalendarFeedCommand(bool Revoke, CalendarFeedKind? Only) : ChatCommand;

/// <param name="Team">The team as named in a personal chat, for coordinators of several teams.</param>
public sealed record TeamCalendarFeedCommand(bool Revoke, string? Team) : ChatCommand;

/// <summary>The feed's two addresses: https for pasting, webcal for the one-click subscribe calendars register for.</summary>
internal static class CalendarFeedLinks
{
    public static (string Https, string Webcal) For(string token, DownloadOptions downloads, HttpRequest? request)
    {
        var https = $"{DownloadEndpoints.BaseUrl(downloads, request)}{CalendarFeedEndpoint.PathPrefix}{token}.ics";
        var webcal = https.StartsWith("https://", StringComparison.OrdinalIgnoreCase) ? "webcal://" + https["https://".Length..]
            : https.StartsWith("http://", StringComparison.OrdinalIgnoreCase) ? "webcal://" + https["http://".Length..]
            : https;
        return (https, webcal);
    }
}

/// <summary>
/// <c>calendar feed</c> / <c>kalender-feed</c>: a secret subscription URL for the asker's own plan, only in the personal
/// chat (the URL is as good as a password). <c>calendar feed revoke [personal|team]</c> turns their feeds off anywhere.
/// </summary>
public sealed partial class CalendarFeedHandler(
    CalendarFeeds feeds,
    BotDbContext database,
    IHttpContextAccessor http,
    IOptions<DownloadOptions> downloads,
    IOptions<BotOptions> options) : ICommandHandler<CalendarFeedCommand>
{
    public static CommandDefinition Command { get; } =
        new CommandDefinition("calendar-feed", "calendar feed", "kalender-feed", () => Texts.CommandCalendarFeedDescription, ConversationScopes.Personal, "[revoke [personal|team]]", "[widerrufen [persönlich|team]]", CommandArguments.CalendarFeed)
        {
            Order = 165,
            ShowInMenu = false,
            Aliases = ["calendar", "kalender", "kalender feed", "calendar-feed", "ical"],
            Requires = ActorRequirement.None,
        }.Route<CalendarFeedCommand, CalendarFeedHandler>();

    public async Task HandleAsync(CalendarFeedCommand command, CommandTurn turn, CancellationToken cancellationToken)
    {
        if (turn.Activity.From?.AadObjectId is not { Length: > 0 } person)
        {
            await turn.ReplyAsync(TurnActors.NoTeam, cancellationToken);
            return;
        }

        if (command.Revoke)
        {
            var revoked = await feeds.RevokeAsync(person, command.Only, teamId: null, cancellationToken);
            await turn.ReplyAsync(revoked == 0 ? Texts.CalendarFeedNothingToRevoke : Texts.FormatCalendarFeedRevoked(revoked), cancellationToken);
            return;
        }

        if (!PersonalChat.Is(turn.Activity))
        {
            await turn.ReplyAsync(Texts.CalendarFeedOnlyInPersonalChat, cancellationToken);
            return;
        }

        var inATeam = options.Value.Coordinators.Contains(person, StringComparer.OrdinalIgnoreCase)
            || await database.TeamMemberships.AnyAsync(m => m.AadObjectId == person, cancellationToken);
        if (!inATeam)
        {
            await turn.ReplyAsync(Texts.CalendarFeedNoTeam, cancellationToken);
            return;
        }

        var issued = await feeds.IssuePersonalAsync(person, cancellationToken);
        var (https, webcal) = CalendarFeedLinks.For(issued.Token, downloads.Value, http.HttpContext?.Request);
        await turn.ReplyAsync(Texts.FormatCalendarFeedPersonalReady(webcal, https), cancellationToken);
    }
}

/// <summary>
/// <c>calendar feed team [team]</c> / <c>kalender-feed team [team]</c>: a coordinator's feed of every post of a team. The
/// team is the channel's, or in the personal chat the one named, else the only team the person coordinates. The link
/// goes only to the coordinator: asked in a channel, it is sent straight to their personal chat through the connector,
/// not the outbox, so the token is never stored (as with metrics keys).
/// </summary>
public sealed partial class TeamCalendarFeedHandler(
    CalendarFeeds feeds,
    BotDbContext database,
    TeamDirectory teams,
    PersonalSecrets secrets,
    IHttpContextAccessor http,
    IOptions<DownloadOptions> downloads,
    IOptions<BotOptions> options,
    ILogger<TeamCalendarFeedHandler> logger) : ICommandHandler<TeamCalendarFeedCommand>
{
    public static CommandDefinition Command { get; } =
        new CommandDefinition("calendar-feed-team", "calendar feed team", "kalender-feed team", () => Texts.CommandCalendarFeedTeamDescription, CommandDefinition.TeamScopes, "[revoke] [team]", "[widerrufen] [team]", CommandArguments.TeamCalendarFeed)
        {
            Order = 166,
            ShowInMenu = false,
            Aliases = ["kalender feed team", "calendar-feed team", "team calendar feed", "team-kalender-feed", "teamkalender"],
            Requires = ActorRequirement.None,
        }.Route<TeamCalendarFeedCommand, TeamCalendarFeedHandler>();

    public async Task HandleAsync(TeamCalendarFeedCommand command, CommandTurn turn, CancellationToken cancellationToken)
    {
        if (turn.Activity.From?.AadObjectId is not { Length: > 0 } person)
        {
            await turn.ReplyAsync(TurnActors.NoTeam, cancellationToken);
            return;
        }

        var (team, refusal) = await TeamAsync(turn, person, command.Team, cancellationToken);
        if (team is null)
        {
            await turn.ReplyAsync(refusal!, cancellationToken);
            return;
        }

        var role = await teams.RoleOfAsync(team.TeamId, person, cancellationToken);
        if (!role.CanManageTeam())
        {
            await turn.ReplyAsync(TurnActors.NotAllowed(ActorRequirement.Coordinator, role), cancellationToken);
            return;
        }

        var name = team.Name ?? Texts.YourTeam;
        if (command.Revoke)
        {
            var revoked = await feeds.RevokeAsync(person, CalendarFeedKind.Team, team.TeamId, cancellationToken);
            await turn.ReplyAsync(revoked == 0 ? Texts.FormatCalendarFeedTeamNothingToRevoke(name) : Texts.FormatCalendarFeedTeamRevoked(name), cancellationToken);
            return;
        }

        if (PersonalChat.Is(turn.Activity))
        {
            var issued = await feeds.IssueTeamAsync(team.TeamId, person, cancellationToken);
            var (https, webcal) = CalendarFeedLinks.For(issued.Token, downloads.Value, http.HttpContext?.Request);
            await turn.ReplyAsync(Texts.FormatCalendarFeedTeamReady(name, webcal, https), cancellationToken);
            return;
        }

        await turn.ReplyAsync(await SendPrivatelyAsync(turn, team, person, cancellationToken), cancellationToken);
    }

    private async Task<string> SendPrivatelyAsync(CommandTurn turn, Team team, string person, CancellationToken cancellationToken)
    {
        // A reply in a channel is read by everyone in it: the link goes to the personal chat or nowhere.
        var personal = await secrets.PersonalChatOfAsync(person, cancellationToken);
        if (personal is null)
        {
            return Texts.CalendarFeedTeamNeedsPersonalChat;
        }

        var issued = await feeds.IssueTeamAsync(team.TeamId, person, cancellationToken);
        var (https, webcal) = CalendarFeedLinks.For(issued.Token, downloads.Value, http.HttpContext?.Request);
        if (await secrets.SendAsync(personal, turn.Activity.Locale, () => Texts.FormatCalendarFeedTeamReady(team.Name ?? Texts.YourTeam, webcal, https), cancellationToken) is { } error)
        {
            await feeds.RevokeAsync(person, CalendarFeedKind.Team, team.TeamId, CancellationToken.None);
            LogNotDelivered(logger, team.TeamId, error);
            return Texts.CalendarFeedTeamNotDelivered;
        }

        return Texts.CalendarFeedTeamSentPrivately;
    }

    /// <summary>The channel's team; in a personal chat the one named, else the only team the person coordinates.</summary>
    private async Task<(Team? Team, string? Refusal)> TeamAsync(CommandTurn turn, string person, string? named, CancellationToken cancellationToken)
    {
        if (turn.ActivityTeam is { } written)
        {
            return (written, null);
        }

        var everywhere = options.Value.Coordinators.Contains(person, StringComparer.OrdinalIgnoreCase);
        var teamIds = everywhere
            ? await database.Teams.AsNoTracking().Select(t => t.TeamId).ToListAsync(cancellationToken)
            : await database.TeamMemberships.AsNoTracking()
                .Where(m => m.AadObjectId == person && m.Role == TeamRole.Coordinator)
                .Select(m => m.TeamId)
                .ToListAsync(cancellationToken);
        var coordinated = await database.Teams.AsNoTracking().Where(t => teamIds.Contains(t.TeamId)).OrderBy(t => t.Name).ToListAsync(cancellationToken);
        if (named is not null)
        {
            // Named teams are matched among those the person coordinates only: another team's name gets the same answer as a typo.
            var matching = coordinated.Where(t => string.Equals(ChatCommandParser.Normalize(t.Name ?? t.TeamId), ChatCommandParser.Normalize(named), StringComparison.Ordinal)).ToList();
            return matching.Count == 1 ? (matching[0], null) : (null, Texts.FormatCalendarFeedTeamUnknown(named, Names(coordinated)));
        }

        if (coordinated.Count == 1)
        {
            return (coordinated[0], null);
        }

        if (coordinated.Count == 0)
        {
            var anyTeam = await teams.ActorAsync(turn.Activity, null, cancellationToken);
            return (null, anyTeam is null ? TurnActors.NoTeam : TurnActors.NotAllowed(ActorRequirement.Coordinator, anyTeam.Role));
        }

        return (null, Texts.FormatCalendarFeedTeamWhich(Names(coordinated)));
    }

    private static string Names(IEnumerable<Team> teams) => string.Join(", ", teams.Select(t => t.Name ?? t.TeamId));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Team calendar feed of team {TeamId} could not be sent to the personal chat ({Error}); revoked")]
    private static partial void LogNotDelivered(ILogger logger, string teamId, string error);
}
