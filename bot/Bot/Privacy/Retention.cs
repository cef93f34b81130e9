using System.ComponentModel.DataAnnotations;
using Bot.Persistence;
using Bot.Posts;
using Microsoft.EntityFrameworkCore;

namespace Bot.Privacy;

/// <summary>
/// How long the bot keeps what it no longer needs (section <c>Retention</c>). The defaults are what a works council
/// usually accepts for a tool like this; each can be shortened per installation.
/// </summary>
public sealed class RetentionOptions
{
    public const string SectionName = "Retention";

    /// <summary>A finished post (published, rejected, withdrawn) with its revisions, decisions, comments and audit trail.</summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "3650.00:00:00")]
    public TimeSpan FinishedPosts { get; set; } = TimeSpan.FromDays(3 * 365);

    /// <summary>Team changes: roles, assignments, absences, goals.</summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "3650.00:00:00")]
    public TimeSpan TeamAudit { get; set; } = TimeSpan.FromDays(3 * 365);

    /// <summary>
    /// A conversation the bot was removed from, or a personal chat with someone who has no role in any team, after
    /// this long without a word. Installed team and group conversations stay: reminders and digests go there.
    /// </summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "3650.00:00:00")]
    public TimeSpan InactiveConversations { get; set; } = TimeSpan.FromDays(365);

    /// <summary>A person with no role in any team and not seen for this long.</summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "3650.00:00:00")]
    public TimeSpan InactivePeople { get; set; } = TimeSpan.FromDays(365);

    /// <summary>Webhook deliveries that were delivered or given up (their bodies hold the approved post with names).</summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "3650.00:00:00")]
    public TimeSpan WebhookDeliveries { get; set; } = TimeSpan.FromDays(90);

    /// <summary>Absences that ended this long ago.</summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "3650.00:00:00")]
    public TimeSpan PastAbsences { get; set; } = TimeSpan.FromDays(90);

    /// <summary>
    /// Daily figures of social channels and posts, by the day they describe. Three years, so the digest's year-on-year
    /// comparisons and goal reviews have what they read; figures hold no personal data.
    /// </summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "3650.00:00:00")]
    public TimeSpan Metrics { get; set; } = TimeSpan.FromDays(3 * 365);

    /// <summary>Revoked metrics API keys (kept a while to show who revoked which key when); active keys stay.</summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "3650.00:00:00")]
    public TimeSpan RevokedApiKeys { get; set; } = TimeSpan.FromDays(90);

    /// <summary>The record that a team's digest of a day went out, which only has to outlive the day.</summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "3650.00:00:00")]
    public TimeSpan DigestDeliveries { get; set; } = TimeSpan.FromDays(90);

    /// <summary>
    /// A calendar feed no calendar has fetched for this long (counted from its creation when it was never fetched): a
    /// forgotten secret URL should not keep working for ever. A personal feed of someone with no role in any team, and a
    /// team feed whose maker no longer coordinates the team, go at once (they already answer 404).
    /// </summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "3650.00:00:00")]
    public TimeSpan UnusedCalendarFeeds { get; set; } = TimeSpan.FromDays(180);
}

/// <param name="FinishedPosts">Posts deleted with everything they own.</param>
public sealed record RetentionReport(int FinishedPosts, int TeamAuditEntries, int Conversations, int People, int Absences, int WebhookDeliveries = 0, int Metrics = 0, int RevokedApiKeys = 0, int DigestDeliveries = 0, int CalendarFeeds = 0);

/// <summary>
/// Deletes what is past its retention period, and only that: each rule compares with <see cref="TimeProvider"/>'s now,
/// so the job can be tested on a fake clock. Runs daily from the scheduler.
/// </summary>
public sealed partial class RetentionService(
    BotDbContext database,
    TimeProvider timeProvider,
    Microsoft.Extensions.Options.IOptions<RetentionOptions> options,
    Microsoft.Extensions.Options.IOptions<Hosting.BotOptions> botOptions,
    ILogger<RetentionService> logger)
{
    public async Task<RetentionReport> ApplyAsync(CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var retention = options.Value;
        await using var transaction = await database.Database.BeginTransactionAsync(cancellationToken);

        // A finished post's rows go with it (cascade); the approval message that points to it first.
        var postsBefore = now - retention.FinishedPosts;
        var finished = database.Posts.Where(p => (p.Status == PostStatus.Published || p.Status == PostStatus.Rejected || p.Status == PostStatus.Withdrawn) && p.UpdatedAt < postsBefore);
        await database.PostApprovalMessages.Where(m => finished.Select(p => p.Id).Contains(m.PostId)).ExecuteDeleteAsync(cancellationToken);
        await database.WebhookDeliveries.Where(d => finished.Select(p => p.Id).Contains(d.PostId)).ExecuteDeleteAsync(cancellationToken);
        var posts = await finished.ExecuteDeleteAsync(cancellationToken);

        var auditBefore = now - retention.TeamAudit;
        var audit = await database.TeamAudit.Where(e => e.At < auditBefore).ExecuteDeleteAsync(cancellationToken);

        var conversationsBefore = now - retention.InactiveConversations;
        var conversations = await database.Conversations
            .Where(c => c.LastSeenAt < conversationsBefore
                && (!c.IsInstalled || (c.ConversationType == Protocol.Schema.ConversationTypes.Personal && !database.TeamMemberships.Any(m => m.AadObjectId == c.UserAadObjectId))))
            .ExecuteDeleteAsync(cancellationToken);

        var peopleBefore = now - retention.InactivePeople;
        var people = await database.People
            .Where(p => p.LastSeenAt < peopleBefore && !database.TeamMemberships.Any(m => m.AadObjectId == p.AadObjectId))
            .ExecuteDeleteAsync(cancellationToken);

        var lastDay = DateOnly.FromDateTime((now - retention.PastAbsences).UtcDateTime);
        var absences = await database.Absences.Where(a => a.LastDay < lastDay).ExecuteDeleteAsync(cancellationToken);

        var deliveriesBefore = now - retention.WebhookDeliveries;
        var deliveries = await database.WebhookDeliveries
            .Where(d => d.CreatedAt < deliveriesBefore && (d.State == Webhooks.WebhookDeliveryState.Delivered || d.State == Webhooks.WebhookDeliveryState.Failed))
            .ExecuteDeleteAsync(cancellationToken);

        var firstMetricsDay = DateOnly.FromDateTime((now - retention.Metrics).UtcDateTime);
        var metrics = await database.SocialChannelDailyMetrics.Where(m => m.Date < firstMetricsDay).ExecuteDeleteAsync(cancellationToken)
            + await database.PostMetrics.Where(m => m.Date < firstMetricsDay).ExecuteDeleteAsync(cancellationToken);

        var keysRevokedBefore = now - retention.RevokedApiKeys;
        var keys = await database.MetricsApiKeys.Where(k => k.RevokedAt < keysRevokedBefore).ExecuteDeleteAsync(cancellationToken);

        var firstDigestDay = DateOnly.FromDateTime((now - retention.DigestDeliveries).UtcDateTime);
        var digests = await database.DigestDeliveries.Where(d => d.Date < firstDigestDay).ExecuteDeleteAsync(cancellationToken);

        var feedsUnusedSince = now - retention.UnusedCalendarFeeds;
        var coordinators = botOptions.Value.Coordinators;
        var feeds = await database.CalendarFeeds
            .Where(f => (f.LastPolledAt ?? f.CreatedAt) < feedsUnusedSince
                || (!coordinators.Contains(f.AadObjectId) && (f.TeamId == null
                    ? !database.TeamMemberships.Any(m => m.AadObjectId == f.AadObjectId)
                    : !database.TeamMemberships.Any(m => m.AadObjectId == f.AadObjectId && m.TeamId == f.TeamId && m.Role == Teams.TeamRole.Coordinator))))
            .ExecuteDeleteAsync(cancellationToken);

        await transaction.CommitAsync(cancellationToken);
        var report = new RetentionReport(posts, audit, conversations, people, absences, deliveries, metrics, keys, digests, feeds);
        LogApplied(logger, report.FinishedPosts, report.TeamAuditEntries, report.Conversations, report.People, report.Absences, report.Metrics, report.RevokedApiKeys, report.DigestDeliveries, report.CalendarFeeds);
        return report;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention deleted {Posts} finished posts, {Audit} team audit entries, {Conversations} conversations, {People} people, {Absences} absences, {Metrics} metric figures, {Keys} revoked API keys, {Digests} digest records, {Feeds} calendar feeds")]
    private static partial void LogApplied(ILogger logger, int posts, int audit, int conversations, int people, int absences, int metrics, int keys, int digests, int feeds);
}
