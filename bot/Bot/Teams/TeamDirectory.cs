using Bot.Hosting;
using Bot.Persistence;
using Bot.Protocol.Schema;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Bot.Teams;

/// <summary>Teams the bot is installed in and who holds which role there.</summary>
public sealed class TeamDirectory(BotDbContext database, TimeProvider timeProvider, IOptions<BotOptions> options)
{
    // Compiled once: every turn asks for a role, often twice, and EF otherwise walks the query's expression to find its
    // parameters and cached plan each time.
    private static readonly Func<BotDbContext, string, string, CancellationToken, Task<TeamMembership?>> MembershipOf =
        EF.CompileAsyncQuery((BotDbContext db, string teamId, string aadObjectId, CancellationToken _) =>
            db.TeamMemberships.AsNoTracking().SingleOrDefault(m => m.TeamId == teamId && m.AadObjectId == aadObjectId));

    // Every turn from a team reads its row, tracked because the turn may refresh its name or language. FindAsync would
    // build and look up a new query each time: about 2 % of an approval's CPU (perf, approvals at 200/s).
    private static readonly Func<BotDbContext, string, CancellationToken, Task<Team?>> TeamById =
        EF.CompileAsyncQuery((BotDbContext db, string teamId, CancellationToken _) => db.Teams.SingleOrDefault(t => t.TeamId == teamId));

    /// <summary>Creates or refreshes the team an activity comes from; <c>null</c> outside a team (personal or group chat).</summary>
    public async Task<Team?> RememberTeamAsync(Activity activity, CancellationToken cancellationToken)
    {
        var channelData = activity.GetChannelData<TeamsChannelData>();
        if (channelData?.Team?.Id is not { Length: > 0 } teamId)
        {
            return null;
        }

        var team = await TeamById(database, teamId, cancellationToken);
        if (team is null)
        {
            // Teams announces an install with two activities at once; whichever comes second finds the row made.
            await database.InsertIfAbsentAsync(
                new Team
                {
                    TeamId = teamId,
                    CreatedAt = timeProvider.GetUtcNow(),
                    HomeTeamsChannelId = channelData.Settings?.SelectedChannel?.Id ?? teamId,
                },
                cancellationToken);
            team = await TeamById(database, teamId, cancellationToken)
                ?? throw new InvalidOperationException("The team row was inserted or found, yet cannot be read back.");
        }

        // What the bot says to the team on its own (digest, reminders, the approval card) is in the language the team
        // writes in: set by the installation, then by each message in the team's channels (Teams stamps the writer's
        // client language). Without any locale the operator's default stands.
        if (!string.IsNullOrWhiteSpace(activity.Locale) && (team.Language is null || activity.IsType(ActivityTypes.Message)))
        {
            team.Language = Localization.BotLanguage.FromLocale(activity.Locale).TwoLetterISOLanguageName;
        }

        team.TenantId = activity.GetTenantId() ?? team.TenantId;
        team.Name = channelData.Team.Name ?? team.Name;
        // Almost every turn finds the team as it was: no save to run then.
        if (database.ChangeTracker.HasChanges())
        {
            await database.SaveChangesAsync(cancellationToken);
        }

        return team;
    }

    /// <summary>The person who installs the bot into a team starts as its coordinator, if the team has none yet.</summary>
    public async Task MakeInstallerCoordinatorAsync(Team team, Activity activity, CancellationToken cancellationToken)
    {
        if (activity.From?.AadObjectId is not { Length: > 0 } installer
            || await database.TeamMemberships.AnyAsync(m => m.TeamId == team.TeamId && m.Role == TeamRole.Coordinator, cancellationToken))
        {
            return;
        }

        var now = timeProvider.GetUtcNow();
        // The concurrent install activity may make the same person coordinator a moment earlier: then this one inserts
        // nothing and finds the role already given, and exactly one audit entry tells of it.
        if (!await database.InsertIfAbsentAsync(new TeamMembership { TeamId = team.TeamId, AadObjectId = installer, Role = TeamRole.Coordinator, Since = now }, cancellationToken))
        {
            var membership = await database.TeamMemberships.SingleAsync(m => m.TeamId == team.TeamId && m.AadObjectId == installer, cancellationToken);
            if (membership.Role == TeamRole.Coordinator)
            {
                return;
            }

            membership.Role = TeamRole.Coordinator;
            membership.Since = now;
        }

        database.TeamAudit.Add(new TeamAuditEntry
        {
            TeamId = team.TeamId,
            At = now,
            ActorAadObjectId = installer,
            SubjectAadObjectId = installer,
            Action = "role.installer-coordinator",
            Details = nameof(TeamRole.Coordinator),
        });
        await database.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The activity's team and the acting person's role there; null when either is unknown.</summary>
    public async Task<TeamActor?> ActorAsync(Activity activity, Team? activityTeam, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var team = await ResolveTeamAsync(activity, activityTeam, cancellationToken);
        var actor = activity.From?.AadObjectId;
        return team is null || actor is null ? null : new TeamActor(team, actor, await RoleOfAsync(team.TeamId, actor, cancellationToken));
    }

    /// <summary>
    /// The team a command is about: the one it was written in, or, in a personal chat, the only team the person has a
    /// role in. <c>null</c> when that is not clear; the chat then asks to write in the team's channel.
    /// </summary>
    public async Task<Team?> ResolveTeamAsync(Activity activity, Team? activityTeam, CancellationToken cancellationToken)
    {
        if (activityTeam is not null)
        {
            return activityTeam;
        }

        if (activity.From?.AadObjectId is not { Length: > 0 } person)
        {
            return null;
        }

        var teamIds = await database.TeamMemberships.Where(m => m.AadObjectId == person).Select(m => m.TeamId).Take(2).ToListAsync(cancellationToken);
        return teamIds.Count == 1 ? await database.Teams.FindAsync([teamIds[0]], cancellationToken) : null;
    }

    /// <summary>People listed in <c>Bot:Coordinators</c> are coordinators everywhere; everyone else without a role is a viewer.</summary>
    public async Task<TeamRole> RoleOfAsync(string teamId, string? aadObjectId, CancellationToken cancellationToken)
    {
        if (aadObjectId is null)
        {
            return TeamRole.Viewer;
        }

        if (options.Value.Coordinators.Contains(aadObjectId, StringComparer.OrdinalIgnoreCase))
        {
            return TeamRole.Coordinator;
        }

        var membership = await MembershipOf(database, teamId, aadObjectId, cancellationToken);
        return membership?.Role ?? TeamRole.Viewer;
    }

    public async Task<IReadOnlyList<string>> CoordinatorsAsync(string teamId, CancellationToken cancellationToken)
    {
        var members = await database.TeamMemberships.AsNoTracking()
            .Where(m => m.TeamId == teamId && m.Role == TeamRole.Coordinator)
            .OrderBy(m => m.Since)
            .Select(m => m.AadObjectId)
            .ToListAsync(cancellationToken);
        return [.. members.Concat(options.Value.Coordinators).Distinct(StringComparer.OrdinalIgnoreCase)];
    }
}

/// <summary>A person acting in a team, with their role there: what every command and card action settles first.</summary>
public sealed record TeamActor(Team Team, string AadObjectId, TeamRole Role);
