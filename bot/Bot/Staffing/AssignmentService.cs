using Bot.Persistence;
using Bot.Teams;
using Microsoft.EntityFrameworkCore;

namespace Bot.Staffing;

public enum ChangeOutcome
{
    Done,
    NotCoordinator,
    AlreadyExists,
    NotAssigned,
}

public abstract record SocialChannelLookup;

public sealed record SocialChannelFound(SocialChannel SocialChannel) : SocialChannelLookup;

public sealed record NoSuchSocialChannel(Platform Platform) : SocialChannelLookup;

public sealed record SeveralSocialChannels(Platform Platform, IReadOnlyList<SocialChannel> Candidates) : SocialChannelLookup;

/// <summary>
/// Social channels, roles, assignments, absences and goals of a team. Only coordinators change them (checked here, on
/// the server, whatever the chat showed), and every change is written to the team audit in the same transaction.
/// </summary>
public sealed class AssignmentService(BotDbContext database, TeamDirectory teams, TimeProvider timeProvider)
{
    public async Task<SocialChannelLookup> FindSocialChannelAsync(string teamId, SocialChannelReference reference, CancellationToken cancellationToken)
    {
        var candidates = await database.SocialChannels
            .Where(c => c.TeamId == teamId && c.Platform == reference.Platform && !c.IsArchived)
            .OrderBy(c => c.Handle)
            .ToListAsync(cancellationToken);
        if (reference.Handle is { } handle)
        {
            candidates = [.. candidates.Where(c => string.Equals(c.Handle.TrimStart('@'), handle.TrimStart('@'), StringComparison.OrdinalIgnoreCase))];
        }

        return candidates.Count switch
        {
            0 => new NoSuchSocialChannel(reference.Platform),
            1 => new SocialChannelFound(candidates[0]),
            _ => new SeveralSocialChannels(reference.Platform, candidates),
        };
    }

    public async Task<(ChangeOutcome Outcome, SocialChannel? SocialChannel)> AddSocialChannelAsync(string teamId, string actor, Platform platform, string handle, string? url, CancellationToken cancellationToken)
    {
        if (!await IsCoordinatorAsync(teamId, actor, cancellationToken))
        {
            return (ChangeOutcome.NotCoordinator, null);
        }

        var existing = await FindSocialChannelAsync(teamId, new SocialChannelReference(platform, handle), cancellationToken);
        if (existing is SocialChannelFound found)
        {
            return (ChangeOutcome.AlreadyExists, found.SocialChannel);
        }

        // The audit entry names the new id, so both saves share one transaction: no social channel without its entry.
        await using var transaction = await database.Database.BeginTransactionAsync(cancellationToken);
        var channel = new SocialChannel { TeamId = teamId, Platform = platform, Handle = handle, Url = url, CreatedAt = timeProvider.GetUtcNow() };
        database.SocialChannels.Add(channel);
        await database.SaveChangesAsync(cancellationToken);
        AddAudit(teamId, actor, "social-channel.add", null, channel.Id, channel.DisplayName);
        await database.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (ChangeOutcome.Done, channel);
    }

    /// <summary>An owner replaces the previous owner (who is told by the chat layer); a backup is added beside the others.</summary>
    public async Task<ChangeOutcome> AssignAsync(string teamId, string actor, string person, SocialChannel channel, AssignmentKind kind, CancellationToken cancellationToken)
    {
        if (!await IsCoordinatorAsync(teamId, actor, cancellationToken))
        {
            return ChangeOutcome.NotCoordinator;
        }

        var current = await database.Assignments.Where(a => a.SocialChannelId == channel.Id).ToListAsync(cancellationToken);
        if (current.Any(a => a.AadObjectId == person && a.Kind == kind))
        {
            return ChangeOutcome.AlreadyExists;
        }

        database.Assignments.RemoveRange(current.Where(a => a.AadObjectId == person || (kind == AssignmentKind.Owner && a.Kind == AssignmentKind.Owner)));
        database.Assignments.Add(new SocialChannelAssignment
        {
            TeamId = teamId,
            SocialChannelId = channel.Id,
            AadObjectId = person,
            Kind = kind,
            Since = timeProvider.GetUtcNow(),
        });
        AddAudit(teamId, actor, kind == AssignmentKind.Owner ? "assignment.owner" : "assignment.backup", person, channel.Id, channel.DisplayName);
        await database.SaveChangesAsync(cancellationToken);
        return ChangeOutcome.Done;
    }

    public async Task<ChangeOutcome> UnassignAsync(string teamId, string actor, string person, SocialChannel channel, CancellationToken cancellationToken)
    {
        if (!await IsCoordinatorAsync(teamId, actor, cancellationToken))
        {
            return ChangeOutcome.NotCoordinator;
        }

        var assignment = await database.Assignments.SingleOrDefaultAsync(a => a.SocialChannelId == channel.Id && a.AadObjectId == person, cancellationToken);
        if (assignment is null)
        {
            return ChangeOutcome.NotAssigned;
        }

        database.Assignments.Remove(assignment);
        AddAudit(teamId, actor, "assignment.remove", person, channel.Id, channel.DisplayName);
        await database.SaveChangesAsync(cancellationToken);
        return ChangeOutcome.Done;
    }

    public async Task<ChangeOutcome> SetRoleAsync(string teamId, string actor, string person, TeamRole role, CancellationToken cancellationToken)
    {
        if (!await IsCoordinatorAsync(teamId, actor, cancellationToken))
        {
            return ChangeOutcome.NotCoordinator;
        }

        var membership = await database.TeamMemberships.FindAsync([teamId, person], cancellationToken);
        if (membership is null)
        {
            membership = new TeamMembership { TeamId = teamId, AadObjectId = person };
            database.TeamMemberships.Add(membership);
        }

        membership.Role = role;
        membership.Since = timeProvider.GetUtcNow();
        AddAudit(teamId, actor, "role.set", person, null, role.ToString());
        await database.SaveChangesAsync(cancellationToken);
        return ChangeOutcome.Done;
    }

    /// <summary>Coordinators record anyone's absence; everyone may record their own.</summary>
    public async Task<ChangeOutcome> RecordAbsenceAsync(string teamId, string actor, string person, DateOnly firstDay, DateOnly lastDay, string? cover, CancellationToken cancellationToken)
    {
        if (actor != person && !await IsCoordinatorAsync(teamId, actor, cancellationToken))
        {
            return ChangeOutcome.NotCoordinator;
        }

        database.Absences.Add(new Absence
        {
            TeamId = teamId,
            AadObjectId = person,
            FirstDay = firstDay,
            LastDay = lastDay,
            CoverAadObjectId = cover,
            RecordedAt = timeProvider.GetUtcNow(),
        });
        AddAudit(teamId, actor, "absence.record", person, null, $"{firstDay:yyyy-MM-dd}..{lastDay:yyyy-MM-dd} cover={cover ?? "-"}");
        await database.SaveChangesAsync(cancellationToken);
        return ChangeOutcome.Done;
    }

    public async Task<ChangeOutcome> SetGoalAsync(string teamId, string actor, SocialChannel channel, int postsPerWeek, decimal? engagementRate, CancellationToken cancellationToken)
    {
        if (!await IsCoordinatorAsync(teamId, actor, cancellationToken))
        {
            return ChangeOutcome.NotCoordinator;
        }

        var goal = await database.CadenceGoals.FindAsync([channel.Id], cancellationToken);
        if (goal is null)
        {
            goal = new CadenceGoal { SocialChannelId = channel.Id, TeamId = teamId };
            database.CadenceGoals.Add(goal);
        }

        goal.PostsPerWeek = postsPerWeek;
        goal.EngagementRateTarget = engagementRate;
        AddAudit(teamId, actor, "goal.set", null, channel.Id, $"postsPerWeek={postsPerWeek} engagementRate={engagementRate?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"}");
        await database.SaveChangesAsync(cancellationToken);
        return ChangeOutcome.Done;
    }

    private async Task<bool> IsCoordinatorAsync(string teamId, string actor, CancellationToken cancellationToken) =>
        (await teams.RoleOfAsync(teamId, actor, cancellationToken)).CanManageTeam();

    private void AddAudit(string teamId, string actor, string action, string? subject, int? socialChannelId, string? details) =>
        database.TeamAudit.Add(new TeamAuditEntry
        {
            TeamId = teamId,
            At = timeProvider.GetUtcNow(),
            ActorAadObjectId = actor,
            Action = action,
            SubjectAadObjectId = subject,
            SocialChannelId = socialChannelId,
            Details = details,
        });
}
