using Bot.Persistence;
using Bot.Staffing;
using Microsoft.EntityFrameworkCore;

namespace Bot.Posts;

/// <summary>The posts behind each social channel of the staffing overview, counted in two queries for the whole team.</summary>
public sealed class PostWorkload(BotDbContext database) : ISocialChannelWorkload
{
    /// <summary>
    /// Per social channel: posts waiting for review, posts due in the next seven days, the last publication and this
    /// week's publications (the week starts Monday in the team's time zone, as people count it).
    /// </summary>
    public async Task<IReadOnlyDictionary<int, SocialChannelPostCounts>> ForTeamAsync(string teamId, DateTimeOffset now, TimeZoneInfo zone, CancellationToken cancellationToken)
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

        var counts = new Dictionary<int, SocialChannelPostCounts>();
        SocialChannelPostCounts For(int channel) => counts.TryGetValue(channel, out var c) ? c : counts[channel] = new SocialChannelPostCounts();
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
}
