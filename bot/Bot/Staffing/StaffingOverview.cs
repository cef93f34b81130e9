using Bot.Persistence;
using Bot.Posts;
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
public sealed class StaffingOverview(BotDbContext database, TeamDirectory teams)
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
        var posts = await PostCountsAsync(team.TeamId, now, zone, cancellationToken);
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
                    var counts = posts.GetValueOrDefault(channel.Id) ?? new PostCounts();
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

    /// <summary>
    /// Per social channel: posts waiting for review, posts due in the next seven days, the last publication and this
    /// week's publications (the week starts Monday in the team's time zone, as people count it).
    /// </summary>
    private async Task<Dictionary<int, PostCounts>> PostCountsAsync(string teamId, DateTimeOffset now, TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        var inAWeek = now.AddDays(7);
        var open = await database.Posts.AsNoTracking()
            .Where(p => p.TeamId == teamId
                && (p.Status == PostStatus.InReview || p.Status == PostStatus.ChangesRequested
                    || ((p.Status == PostStatus.Approved || p.Status == PostStatus.Scheduled) && p.PlannedPublishAt >= now && p.PlannedPublishAt < inAWeek)))
            .Select(p => new { p.Status, Channels = p.Variants.Select(v => v.SocialChannelId).ToList() })
            .ToListAsync(cancellationToken);
        var published = await database.Posts.AsNoTracking()
            .Where(p => p.TeamId == teamId)
            .SelectMany(p => p.Variants)
            .Where(v => v.PublishedAt != null)
            .Select(v => new { v.SocialChannelId, v.PublishedAt })
            .ToListAsync(cancellationToken);

        var local = TimeZoneInfo.ConvertTime(now, zone);
        var daysSinceMonday = ((int)local.DayOfWeek + 6) % 7;
        var mondayLocal = local.Date.AddDays(-daysSinceMonday);
        var weekStart = new DateTimeOffset(mondayLocal, zone.GetUtcOffset(mondayLocal));

        var counts = new Dictionary<int, PostCounts>();
        PostCounts For(int channel) => counts.TryGetValue(channel, out var c) ? c : counts[channel] = new PostCounts();
        foreach (var post in open)
        {
            foreach (var channel in post.Channels.Distinct())
            {
                var entry = For(channel);
                counts[channel] = post.Status is PostStatus.InReview or PostStatus.ChangesRequested
                    ? entry with { InReview = entry.InReview + 1 }
                    : entry with { NextSevenDays = entry.NextSevenDays + 1 };
            }
        }

        foreach (var variant in published)
        {
            var entry = For(variant.SocialChannelId);
            counts[variant.SocialChannelId] = entry with
            {
                LastPublished = entry.LastPublished is { } last && last > variant.PublishedAt!.Value ? last : variant.PublishedAt,
                PublishedThisWeek = entry.PublishedThisWeek + (variant.PublishedAt >= weekStart ? 1 : 0),
            };
        }

        return counts;
    }

    private sealed record PostCounts(int InReview = 0, int NextSevenDays = 0, DateTimeOffset? LastPublished = null, int PublishedThisWeek = 0);

    private async Task<Dictionary<string, string>> NamesAsync(IEnumerable<string> ids, CancellationToken cancellationToken)
    {
        var wanted = ids.Distinct().ToList();
        return await database.People.AsNoTracking()
            .Where(p => wanted.Contains(p.AadObjectId) && p.Name != null)
            .ToDictionaryAsync(p => p.AadObjectId, p => p.Name!, cancellationToken);
    }
}
