using Bot.Persistence;
using Bot.Teams;
using Microsoft.EntityFrameworkCore;

namespace Bot.Staffing;

/// <summary>One line of the "who looks after what" overview.</summary>
public sealed record StaffingRow(
    SocialChannel SocialChannel,
    string? OwnerName,
    IReadOnlyList<string> BackupNames,
    ResponsiblePerson? Today,
    string? TodayName,
    int PostsInReview,
    int PostsNextSevenDays,
    DateOnly? LastPublishedOn,
    int PublishedThisWeek,
    CadenceGoal? Goal);

/// <summary>Reads a team's staffing in a few queries (not one per social channel), so 40 social channels stay cheap.</summary>
public sealed class StaffingOverview(BotDbContext database, TeamDirectory teams, ISocialChannelWorkload workload)
{
    public async Task<IReadOnlyList<StaffingRow>> ForTeamAsync(Team team, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var channels = await database.SocialChannels.AsNoTracking()
            .Where(c => c.TeamId == team.TeamId && !c.IsArchived)
            .ToListAsync(cancellationToken);
        var assignments = await database.Assignments.AsNoTracking().Where(a => a.TeamId == team.TeamId).OrderBy(a => a.Since).ToListAsync(cancellationToken);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(team.TimeZoneId);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        var absences = await database.Absences.AsNoTracking()
            .Where(a => a.TeamId == team.TeamId && a.LastDay >= today && a.FirstDay <= today)
            .ToListAsync(cancellationToken);
        var goals = await database.CadenceGoals.AsNoTracking().Where(g => g.TeamId == team.TeamId).ToDictionaryAsync(g => g.SocialChannelId, cancellationToken);
        var coordinators = await teams.CoordinatorsAsync(team.TeamId, cancellationToken);
        var posts = await workload.ForTeamAsync(team.TeamId, now, zone, cancellationToken);
        var names = await NamesAsync(assignments.Select(a => a.AadObjectId).Concat(absences.Select(a => a.CoverAadObjectId).OfType<string>()).Concat(coordinators), cancellationToken);

        return
        [
            .. channels
                .OrderBy(c => c.Platform)
                .ThenBy(c => c.Handle, StringComparer.OrdinalIgnoreCase)
                .Select(channel =>
                {
                    var staff = assignments.Where(a => a.SocialChannelId == channel.Id).ToList();
                    var owner = staff.FirstOrDefault(a => a.Kind == AssignmentKind.Owner)?.AadObjectId;
                    var backups = staff.Where(a => a.Kind == AssignmentKind.Backup).Select(a => a.AadObjectId).ToList();
                    var responsible = ResponsibilityRouting.Resolve(new SocialChannelStaffing(owner, backups, coordinators, absences), now, zone);
                    var counts = posts.GetValueOrDefault(channel.Id) ?? new SocialChannelPostCounts();
                    return new StaffingRow(
                        channel,
                        owner is null ? null : names.GetValueOrDefault(owner, owner),
                        [.. backups.Select(b => names.GetValueOrDefault(b, b))],
                        responsible,
                        responsible is null ? null : names.GetValueOrDefault(responsible.AadObjectId, responsible.AadObjectId),
                        counts.InReview,
                        counts.NextSevenDays,
                        counts.LastPublished is { } last ? DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(last, zone).DateTime) : null,
                        counts.PublishedThisWeek,
                        goals.GetValueOrDefault(channel.Id));
                }),
        ];
    }

    /// <summary>The social channels a person owns, backs up, or covers today for someone who is away.</summary>
    public async Task<IReadOnlyList<(StaffingRow Row, Responsibility Responsibility, string? CoveringFor)>> ForPersonAsync(Team team, string person, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var rows = await ForTeamAsync(team, now, cancellationToken);
        var mine = await database.Assignments.AsNoTracking().Where(a => a.TeamId == team.TeamId && a.AadObjectId == person).ToListAsync(cancellationToken);
        var result = new List<(StaffingRow, Responsibility, string?)>();
        foreach (var row in rows)
        {
            var assignment = mine.FirstOrDefault(a => a.SocialChannelId == row.SocialChannel.Id);
            if (assignment is not null)
            {
                result.Add((row, assignment.Kind == AssignmentKind.Owner ? Responsibility.Owner : Responsibility.Backup, null));
            }
            else if (row.Today is { Responsibility: Responsibility.Cover } cover && cover.AadObjectId == person)
            {
                result.Add((row, Responsibility.Cover, row.OwnerName));
            }
        }

        return result;
    }


    private async Task<Dictionary<string, string>> NamesAsync(IEnumerable<string> ids, CancellationToken cancellationToken)
    {
        var wanted = ids.Distinct().ToList();
        return await database.People.AsNoTracking()
            .Where(p => wanted.Contains(p.AadObjectId) && p.Name != null)
            .ToDictionaryAsync(p => p.AadObjectId, p => p.Name!, cancellationToken);
    }
}

/// <summary>What a social channel has going on in posts this week, for the overview.</summary>
public sealed record SocialChannelPostCounts(int InReview = 0, int NextSevenDays = 0, DateTimeOffset? LastPublished = null, int PublishedThisWeek = 0);

/// <summary>
/// The posts side of the staffing overview, answered by the posts feature: staffing lists who looks after a social
/// channel and asks how busy it is, without knowing what a post is.
/// </summary>
public interface ISocialChannelWorkload
{
    Task<IReadOnlyDictionary<int, SocialChannelPostCounts>> ForTeamAsync(string teamId, DateTimeOffset now, TimeZoneInfo zone, CancellationToken cancellationToken);
}
