using System.Text.Json;
using System.Text.Json.Serialization;
using Bot.Persistence;
using Bot.Posts;
using Microsoft.EntityFrameworkCore;

namespace Bot.Privacy;

/// <summary>
/// Everything the bot stores about one person (GDPR Art. 15 and 20), as JSON they can read and take elsewhere:
/// profile, roles, assignments, absences, posts they wrote, their decisions, comments and audit entries, their chats
/// with the bot, the notifications queued or sent to them and the reminders still planned about their posts. Only
/// their own data: another person appears at most as an id the person already knows from a
/// card (never a name), and someone else's absence the person covers shows only the dates.
/// </summary>
public sealed class PersonalDataExport(BotDbContext database, Reminders.ReminderScheduler reminders, TimeProvider timeProvider)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public async Task<byte[]> ExportAsync(string aadObjectId, CancellationToken cancellationToken)
    {
        var person = await database.People.AsNoTracking().SingleOrDefaultAsync(p => p.AadObjectId == aadObjectId, cancellationToken);
        var memberships = await database.TeamMemberships.AsNoTracking().Where(m => m.AadObjectId == aadObjectId).ToListAsync(cancellationToken);
        var teamIds = memberships.Select(m => m.TeamId).ToList();
        var teamNames = await database.Teams.AsNoTracking().Where(t => teamIds.Contains(t.TeamId)).ToDictionaryAsync(t => t.TeamId, t => t.Name, cancellationToken);
        var assignments = await database.Assignments.AsNoTracking().Where(a => a.AadObjectId == aadObjectId)
            .Join(database.SocialChannels, a => a.SocialChannelId, c => c.Id, (a, c) => new { a.TeamId, c.Platform, c.Handle, a.Kind, a.Since })
            .ToListAsync(cancellationToken);
        var absences = await database.Absences.AsNoTracking().Where(a => a.AadObjectId == aadObjectId).ToListAsync(cancellationToken);
        var covering = await database.Absences.AsNoTracking().Where(a => a.CoverAadObjectId == aadObjectId).ToListAsync(cancellationToken);
        var posts = await database.Posts.AsNoTracking()
            .Where(p => p.AuthorAadObjectId == aadObjectId
                || p.Decisions.Any(d => d.ReviewerAadObjectId == aadObjectId)
                || p.Comments.Any(c => c.AuthorAadObjectId == aadObjectId)
                || p.AuditTrail.Any(e => e.ActorAadObjectId == aadObjectId))
            .ToListAsync(cancellationToken);
        var teamAudit = await database.TeamAudit.AsNoTracking()
            .Where(e => e.ActorAadObjectId == aadObjectId || e.SubjectAadObjectId == aadObjectId)
            .OrderBy(e => e.Id)
            .ToListAsync(cancellationToken);
        var conversations = await database.Conversations.AsNoTracking().Where(c => c.UserAadObjectId == aadObjectId).ToListAsync(cancellationToken);
        var metricsKeys = await database.MetricsApiKeys.AsNoTracking()
            .Where(k => k.CreatedByAadObjectId == aadObjectId || k.RevokedByAadObjectId == aadObjectId)
            .ToListAsync(cancellationToken);

        var calendarFeeds = await database.CalendarFeeds.AsNoTracking()
            .Where(f => f.AadObjectId == aadObjectId)
            .OrderBy(f => f.CreatedAt)
            .Select(f => new { f.Kind, f.TeamId, f.CreatedAt, f.LastPolledAt })
            .ToListAsync(cancellationToken);

        // What the bot told them, without the bodies: those quote colleagues' names and other people's posts.
        var notifications = await database.OutboundMessages.AsNoTracking()
            .Where(m => m.RecipientAadObjectId == aadObjectId)
            .OrderBy(m => m.Id)
            .Select(m => new { m.Kind, m.State, m.CreatedAt, m.SentAt })
            .ToListAsync(cancellationToken);
        var planned = await reminders.PlannedForAsync(posts.Where(p => p.AuthorAadObjectId == aadObjectId).Select(p => p.Id), cancellationToken);

        var export = new
        {
            exportedAt = timeProvider.GetUtcNow(),
            profile = person is null ? null : new { person.AadObjectId, person.Name, person.TeamsUserId, person.TenantId, person.Locale, person.FirstSeenAt, person.LastSeenAt },
            teams = memberships.Select(m => new { m.TeamId, teamName = teamNames.GetValueOrDefault(m.TeamId), m.Role, m.Since }),
            socialChannels = assignments.Select(a => new { a.TeamId, a.Platform, a.Handle, role = a.Kind, a.Since }),
            absences = absences.Select(a => new { a.TeamId, a.FirstDay, a.LastDay, hasCover = a.CoverAadObjectId is not null, a.RecordedAt }),
            coveringFor = covering.Select(a => new { a.TeamId, a.FirstDay, a.LastDay }),
            postsWritten = posts.Where(p => p.AuthorAadObjectId == aadObjectId).Select(p => new
            {
                p.Id,
                shortId = PostWorkflow.ShortId(p.Id),
                p.TeamId,
                p.WorkingTitle,
                p.BaseText,
                p.Tags,
                p.Links,
                p.MediaReferences,
                p.Status,
                p.CurrentRevision,
                p.PlannedPublishAt,
                p.CreatedAt,
                variants = p.Variants.Select(v => new { v.Platform, v.Text, v.LiveUrl, v.PublishedAt }),
            }),
            reviewDecisions = posts.SelectMany(p => p.Decisions.Where(d => d.ReviewerAadObjectId == aadObjectId).Select(d => new
            {
                postId = p.Id,
                shortId = PostWorkflow.ShortId(p.Id),
                d.Revision,
                d.Verdict,
                d.Comment,
                d.DecidedAt,
                level = d.LevelName,
                checklist = d.ConfirmedChecklistItems,
            })),
            comments = posts.SelectMany(p => p.Comments.Where(c => c.AuthorAadObjectId == aadObjectId).Select(c => new { postId = p.Id, c.Revision, c.Text, c.CreatedAt })),
            postAudit = posts.SelectMany(p => p.AuditTrail.Where(e => e.ActorAadObjectId == aadObjectId).Select(e => new { postId = p.Id, e.At, e.Action, e.Revision, e.Comment })),
            teamAudit = teamAudit.Select(e => new
            {
                e.TeamId,
                e.At,
                e.Action,
                byYou = e.ActorAadObjectId == aadObjectId,
                aboutYou = e.SubjectAadObjectId == aadObjectId,
                e.SocialChannelId,
            }),
            chats = conversations.Select(c => new { c.ConversationId, c.ConversationType, c.Locale, c.FirstSeenAt, c.LastSeenAt }),
            notificationsToYou = notifications,
            remindersPlannedForYourPosts = planned.Select(r => new { r.PostId, shortId = PostWorkflow.ShortId(r.PostId), r.Kind, r.At }),
            // Which keys, not the keys: the bot has only their hashes, and a hash is no one's personal data.
            metricsApiKeys = metricsKeys.OrderBy(k => k.CreatedAt).Select(k => new
            {
                k.TeamId,
                k.Prefix,
                k.Label,
                k.CreatedAt,
                createdByYou = k.CreatedByAadObjectId == aadObjectId,
                k.RevokedAt,
                revokedByYou = k.RevokedByAadObjectId == aadObjectId,
            }),
            // Which feeds, not their addresses: the bot keeps only a hash of each token.
            calendarFeeds = calendarFeeds.Select(f => new { kind = f.Kind, f.TeamId, teamName = f.TeamId is null ? null : teamNames.GetValueOrDefault(f.TeamId), f.CreatedAt, f.LastPolledAt }),
        };
        return JsonSerializer.SerializeToUtf8Bytes(export, Json);
    }
}
