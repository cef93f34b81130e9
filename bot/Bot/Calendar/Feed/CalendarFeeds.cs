using System.Security.Cryptography;
using System.Text;
using Bot.Persistence;
using Bot.Teams;
using Microsoft.EntityFrameworkCore;

namespace Bot.Calendar.Feed;

/// <summary>A feed just made: <see cref="Token"/> goes into the URL shown once and is never stored.</summary>
public sealed record IssuedCalendarFeed(string Token, CalendarFeed Stored);

/// <summary>
/// Issues, finds and revokes calendar feeds. A token is 32 random bytes in base64url (43 characters); the database
/// holds its SHA-256 only. One feed per person and kind (and team): asking again replaces the old one, because the old
/// URL cannot be shown again and a forgotten copy of it should not keep working.
/// </summary>
public sealed partial class CalendarFeeds(BotDbContext database, TimeProvider timeProvider, ILogger<CalendarFeeds> logger)
{
    public const int TokenLength = 43;

    /// <summary>How stale <see cref="CalendarFeed.LastPolledAt"/> may get before a poll writes it again.</summary>
    private static readonly TimeSpan PollResolution = TimeSpan.FromDays(1);

    public async Task<IssuedCalendarFeed> IssuePersonalAsync(string person, CancellationToken cancellationToken)
    {
        await using var transaction = await database.Database.BeginTransactionAsync(cancellationToken);
        await database.CalendarFeeds.Where(f => f.Kind == CalendarFeedKind.Personal && f.AadObjectId == person).ExecuteDeleteAsync(cancellationToken);
        var issued = New(CalendarFeedKind.Personal, person, teamId: null);
        database.CalendarFeeds.Add(issued.Stored);
        await database.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        LogIssued(logger, issued.Stored.Id, CalendarFeedKind.Personal, null);
        return issued;
    }

    /// <summary>The caller has checked that <paramref name="coordinator"/> coordinates the team.</summary>
    public async Task<IssuedCalendarFeed> IssueTeamAsync(string teamId, string coordinator, CancellationToken cancellationToken)
    {
        await using var transaction = await database.Database.BeginTransactionAsync(cancellationToken);
        await database.CalendarFeeds.Where(f => f.Kind == CalendarFeedKind.Team && f.TeamId == teamId && f.AadObjectId == coordinator).ExecuteDeleteAsync(cancellationToken);
        var issued = New(CalendarFeedKind.Team, coordinator, teamId);
        database.CalendarFeeds.Add(issued.Stored);
        database.TeamAudit.Add(new TeamAuditEntry { TeamId = teamId, At = issued.Stored.CreatedAt, ActorAadObjectId = coordinator, Action = "calendar-feed.created" });
        await database.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        LogIssued(logger, issued.Stored.Id, CalendarFeedKind.Team, teamId);
        return issued;
    }

    /// <summary>Deletes the person's feeds: all of them, only the personal one, or only their feed of one team.</summary>
    public async Task<int> RevokeAsync(string person, CalendarFeedKind? kind, string? teamId, CancellationToken cancellationToken)
    {
        var feeds = database.CalendarFeeds.Where(f => f.AadObjectId == person);
        if (kind is { } only)
        {
            feeds = feeds.Where(f => f.Kind == only);
        }

        if (teamId is not null)
        {
            feeds = feeds.Where(f => f.TeamId == teamId);
        }

        await using var transaction = await database.Database.BeginTransactionAsync(cancellationToken);
        var teamFeeds = await feeds.Where(f => f.TeamId != null).Select(f => f.TeamId!).ToListAsync(cancellationToken);
        var now = timeProvider.GetUtcNow();
        foreach (var team in teamFeeds)
        {
            database.TeamAudit.Add(new TeamAuditEntry { TeamId = team, At = now, ActorAadObjectId = person, Action = "calendar-feed.revoked" });
        }

        await database.SaveChangesAsync(cancellationToken);
        var revoked = await feeds.ExecuteDeleteAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        LogRevoked(logger, revoked);
        return revoked;
    }

    /// <summary>
    /// The feed a token opens, or <c>null</c>. Every token takes the same path, well-formed or not: it is hashed and
    /// looked up by the hash, so unknown, revoked and tampered tokens cost the same and answer the same.
    /// </summary>
    public Task<CalendarFeed?> FindAsync(string token, CancellationToken cancellationToken)
    {
        var hash = Hash(token);
        return database.CalendarFeeds.AsNoTracking().SingleOrDefaultAsync(f => f.TokenHash == hash, cancellationToken);
    }

    /// <summary>
    /// Notes a poll and the content it was served. Writes only when the content changed or the last poll is a day old,
    /// so a calendar refreshing every few minutes reads and never writes.
    /// </summary>
    public async Task<DateTimeOffset> RecordPollAsync(CalendarFeed feed, string contentHash, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(feed);
        var now = timeProvider.GetUtcNow();
        var changed = !string.Equals(feed.ContentHash, contentHash, StringComparison.Ordinal);
        var changedAt = changed ? now : feed.ContentChangedAt;
        if (changed || feed.LastPolledAt is null || now - feed.LastPolledAt >= PollResolution)
        {
            await database.CalendarFeeds.Where(f => f.Id == feed.Id).ExecuteUpdateAsync(
                f => f.SetProperty(x => x.LastPolledAt, now).SetProperty(x => x.ContentHash, contentHash).SetProperty(x => x.ContentChangedAt, changedAt),
                cancellationToken);
        }

        return changedAt;
    }

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private IssuedCalendarFeed New(CalendarFeedKind kind, string person, string? teamId)
    {
        var token = Base64Url(RandomNumberGenerator.GetBytes(32));
        var now = timeProvider.GetUtcNow();
        return new(token, new CalendarFeed
        {
            Id = Guid.CreateVersion7(now),
            Kind = kind,
            AadObjectId = person,
            TeamId = teamId,
            TokenHash = Hash(token),
            CreatedAt = now,
            ContentChangedAt = now,
        });
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    [LoggerMessage(Level = LogLevel.Information, Message = "Calendar feed {FeedId} ({Kind}) issued, team {TeamId}")]
    private static partial void LogIssued(ILogger logger, Guid feedId, CalendarFeedKind kind, string? teamId);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} calendar feeds revoked")]
    private static partial void LogRevoked(ILogger logger, int count);
}
