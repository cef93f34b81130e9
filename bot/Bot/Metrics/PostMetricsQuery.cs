using Bot.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Bot.Metrics;

/// <summary>A figure of a post the bot knows: matched through the live URL recorded when its variant was published.</summary>
public sealed record PublishedPostFigure(Guid PostId, int SocialChannelId, string LiveUrl, DateOnly Date, MetricKind Metric, long Value);

/// <summary>
/// Joins post figures (keyed by the URL the platform reports) to the team's published posts. Live URLs are stored as
/// typed, so both sides are compared through <see cref="PostUrls.Normalise"/>, in memory.
/// </summary>
public sealed class PostMetricsQuery(BotDbContext database)
{
    public async Task<IReadOnlyList<PublishedPostFigure>> ForTeamAsync(string teamId, DateOnly first, DateOnly last, CancellationToken cancellationToken)
    {
        var posts = await database.Posts.AsNoTracking()
            .Where(p => p.TeamId == teamId && p.Variants.Any(v => v.LiveUrl != null))
            .ToListAsync(cancellationToken);
        var live = posts
            .SelectMany(p => p.Variants.Where(v => v.LiveUrl is not null).Select(v => (PostId: p.Id, v.SocialChannelId, LiveUrl: v.LiveUrl!, Key: PostUrls.Normalise(v.LiveUrl!))))
            .ToList();
        if (live.Count == 0)
        {
            return [];
        }

        var keys = live.Select(l => l.Key).Distinct().ToList();
        var figures = await database.PostMetrics.AsNoTracking()
            .Where(m => m.TeamId == teamId && keys.Contains(m.PostUrl) && m.Date >= first && m.Date <= last)
            .ToListAsync(cancellationToken);
        var byUrl = figures.ToLookup(f => f.PostUrl);
        return [.. live.SelectMany(l => byUrl[l.Key].Select(f => new PublishedPostFigure(l.PostId, l.SocialChannelId, l.LiveUrl, f.Date, f.Metric, f.Value)))];
    }
}
