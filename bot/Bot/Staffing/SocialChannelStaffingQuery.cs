using Bot.Persistence;
using Bot.Teams;
using Microsoft.EntityFrameworkCore;

namespace Bot.Staffing;

/// <summary>
/// Reads the <see cref="SocialChannelStaffing"/> of a social channel on a day: one query for everyone who asks or
/// checks who looks after it (the review routing, the publish nudge, the <c>published</c> permission).
/// </summary>
public static class SocialChannelStaffingQuery
{
    public static async Task<SocialChannelStaffing> StaffingOfAsync(
        this BotDbContext database, TeamDirectory teams, Team team, int socialChannelId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(teams);
        ArgumentNullException.ThrowIfNull(team);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(team.TimeZoneId);
        var staff = await database.Assignments.AsNoTracking()
            .Where(a => a.TeamId == team.TeamId && a.SocialChannelId == socialChannelId)
            .OrderBy(a => a.Since)
            .ToListAsync(cancellationToken);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, zone).DateTime);
        var absences = await database.Absences.AsNoTracking()
            .Where(a => a.TeamId == team.TeamId && a.LastDay >= today && a.FirstDay <= today)
            .ToListAsync(cancellationToken);
        return new SocialChannelStaffing(
            staff.FirstOrDefault(a => a.Kind == AssignmentKind.Owner)?.AadObjectId,
            [.. staff.Where(a => a.Kind == AssignmentKind.Backup).Select(a => a.AadObjectId)],
            await teams.CoordinatorsAsync(team.TeamId, cancellationToken),
            absences);
    }
}
