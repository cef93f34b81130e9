using Bot.Persistence;
using Bot.Posts;
using Bot.Staffing;
using Bot.Teams;
using Microsoft.EntityFrameworkCore;

namespace Bot.Privacy;

public enum ErasureOutcome
{
    Erased,
    NotCoordinator,
    CannotEraseYourself,
    UnknownPerson,
}

/// <param name="HandedOverSocialChannels">Social channels the person owned, each with whoever owns it now.</param>
/// <param name="HandedOverPosts">Unfinished posts of theirs that now belong to the coordinator.</param>
public sealed record ErasureResult(
    ErasureOutcome Outcome,
    string? Pseudonym = null,
    IReadOnlyList<(int SocialChannelId, string NewOwnerAadObjectId)>? HandedOverSocialChannels = null,
    int HandedOverPosts = 0,
    bool PersonalDataDeleted = false);

/// <summary>
/// A coordinator erases someone who has left the team (GDPR Art. 17). In the team's records the person's ids become a
/// pseudonym, so the audit trail stays complete without naming them; what they looked after goes on: social
/// channels to their first backup (else the coordinator), unfinished posts and review duties to the coordinator.
/// Their profile and personal chat are deleted once no other team still knows them. One transaction: all or nothing.
/// </summary>
public sealed partial class PersonErasure(BotDbContext database, TeamDirectory teams, Delivery.RecentlyRemembered recentlyRemembered, TimeProvider timeProvider, ILogger<PersonErasure> logger)
{
    private static readonly System.Text.Json.JsonSerializerOptions RelaxedJson = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public async Task<ErasureResult> EraseAsync(Team team, string coordinator, string person, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(team);
        if (!(await teams.RoleOfAsync(team.TeamId, coordinator, cancellationToken)).CanManageTeam())
        {
            return new(ErasureOutcome.NotCoordinator);
        }

        if (AadIds.Same(coordinator, person))
        {
            return new(ErasureOutcome.CannotEraseYourself);
        }

        if (!await IsKnownInTeamAsync(team.TeamId, person, cancellationToken))
        {
            return new(ErasureOutcome.UnknownPerson);
        }

        var pseudonym = Pseudonyms.New();
        var now = timeProvider.GetUtcNow();
        // Its own transaction, unless the card action's turn already holds one (then that commit is the erasure's too).
        await using var transaction = database.Database.CurrentTransaction is null ? await database.Database.BeginTransactionAsync(cancellationToken) : null;

        var channels = await HandOverSocialChannelsAsync(team.TeamId, coordinator, person, now, cancellationToken);
        var posts = await HandOverPostsAsync(team.TeamId, coordinator, person, pseudonym, now, cancellationToken);
        await ReplaceInReviewPolicyAsync(team.TeamId, coordinator, person, cancellationToken);

        database.Absences.RemoveRange(database.Absences.Where(a => a.TeamId == team.TeamId && a.AadObjectId == person));

        // Someone who is gone covers nobody: those absences fall back to backups and coordinators, as without a cover.
        await database.Absences.Where(a => a.TeamId == team.TeamId && a.CoverAadObjectId == person)
            .ExecuteUpdateAsync(a => a.SetProperty(x => x.CoverAadObjectId, (string?)null), cancellationToken);
        database.TeamMemberships.RemoveRange(database.TeamMemberships.Where(m => m.TeamId == team.TeamId && m.AadObjectId == person));
        database.TeamAudit.Add(new TeamAuditEntry
        {
            TeamId = team.TeamId,
            At = now,
            ActorAadObjectId = coordinator,
            Action = "person.erased",
            SubjectAadObjectId = pseudonym,
            Details = $"socialChannels={channels.Count} posts={posts}",
        });
        await database.SaveChangesAsync(cancellationToken);

        // The history: append-only for everyone else, so rewritten here in bulk, past the change tracker's guard.
        await PseudonymiseHistoryAsync(team.TeamId, person, pseudonym, cancellationToken);

        // Metrics API keys they made or revoked stay as they are (a reporting tool may still push with one); only who
        // made or revoked them is forgotten, like in the audit trail.
        await database.MetricsApiKeys.Where(k => k.TeamId == team.TeamId && k.CreatedByAadObjectId == person)
            .ExecuteUpdateAsync(k => k.SetProperty(x => x.CreatedByAadObjectId, pseudonym), cancellationToken);
        await database.MetricsApiKeys.Where(k => k.TeamId == team.TeamId && k.RevokedByAadObjectId == person)
            .ExecuteUpdateAsync(k => k.SetProperty(x => x.RevokedByAadObjectId, pseudonym), cancellationToken);

        await PseudonymiseWebhookPayloadsAsync(team.TeamId, coordinator, person, pseudonym, cancellationToken);

        // Who last changed the digest settings: the erasing coordinator takes that over, as with the webhook.
        await database.DigestSettings.Where(s => s.TeamId == team.TeamId && s.UpdatedByAadObjectId == person)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.UpdatedByAadObjectId, coordinator), cancellationToken);
        await ForgetInDeliveriesAsync(person, pseudonym, cancellationToken);

        // Their feeds of this team's plan stop working; a personal feed goes with their profile, when no team knows them.
        await database.CalendarFeeds.Where(f => f.AadObjectId == person && f.TeamId == team.TeamId).ExecuteDeleteAsync(cancellationToken);
        var stillKnownElsewhere = await database.TeamMemberships.AnyAsync(m => m.AadObjectId == person, cancellationToken);
        if (!stillKnownElsewhere)
        {
            await database.CalendarFeeds.Where(f => f.AadObjectId == person).ExecuteDeleteAsync(cancellationToken);
            var chats = database.Conversations.Where(c => c.UserAadObjectId == person).Select(c => c.ConversationId);
            await database.ProcessedActivities.Where(p => chats.Contains(p.ConversationId)).ExecuteDeleteAsync(cancellationToken);
            await database.OutboundMessages.Where(m => m.ConversationId != null && chats.Contains(m.ConversationId)).ExecuteDeleteAsync(cancellationToken);
            await database.Conversations.Where(c => c.UserAadObjectId == person).ExecuteDeleteAsync(cancellationToken);
            await database.People.Where(p => p.AadObjectId == person).ExecuteDeleteAsync(cancellationToken);
            // Their next message is a stranger's again: remembered anew, not skipped as already stored.
            recentlyRemembered.Forget(person);
        }

        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }

        LogErased(logger, team.TeamId, pseudonym, channels.Count, posts);
        return new(ErasureOutcome.Erased, pseudonym, channels, posts, PersonalDataDeleted: !stillKnownElsewhere);
    }

    private async Task<bool> IsKnownInTeamAsync(string teamId, string person, CancellationToken cancellationToken) =>
        await database.TeamMemberships.AnyAsync(m => m.TeamId == teamId && m.AadObjectId == person, cancellationToken)
        || await database.Assignments.AnyAsync(a => a.TeamId == teamId && a.AadObjectId == person, cancellationToken)
        || await database.Posts.AnyAsync(p => p.TeamId == teamId && p.AuthorAadObjectId == person, cancellationToken)
        || await database.TeamAudit.AnyAsync(e => e.TeamId == teamId && (e.ActorAadObjectId == person || e.SubjectAadObjectId == person), cancellationToken);

    private async Task<List<(int SocialChannelId, string NewOwnerAadObjectId)>> HandOverSocialChannelsAsync(
        string teamId, string coordinator, string person, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var assignments = await database.Assignments.Where(a => a.TeamId == teamId).ToListAsync(cancellationToken);
        var handedOver = new List<(int, string)>();
        foreach (var owned in assignments.Where(a => a.Kind == AssignmentKind.Owner && a.AadObjectId == person))
        {
            var backup = assignments
                .Where(a => a.SocialChannelId == owned.SocialChannelId && a.Kind == AssignmentKind.Backup && a.AadObjectId != person)
                .OrderBy(a => a.Since)
                .ThenBy(a => a.Id)
                .FirstOrDefault();
            if (backup is not null)
            {
                database.Assignments.Remove(backup);
            }

            var successor = backup?.AadObjectId ?? coordinator;
            database.Assignments.Add(new SocialChannelAssignment { TeamId = teamId, SocialChannelId = owned.SocialChannelId, AadObjectId = successor, Kind = AssignmentKind.Owner, Since = now });
            database.TeamAudit.Add(new TeamAuditEntry
            {
                TeamId = teamId,
                At = now,
                ActorAadObjectId = coordinator,
                Action = "assignment.owner",
                SubjectAadObjectId = successor,
                SocialChannelId = owned.SocialChannelId,
                Details = "reason=erasure",
            });
            handedOver.Add((owned.SocialChannelId, successor));
        }

        database.Assignments.RemoveRange(assignments.Where(a => a.AadObjectId == person));
        return handedOver;
    }

    private async Task<int> HandOverPostsAsync(string teamId, string coordinator, string person, string pseudonym, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var posts = await database.Posts
            .Where(p => p.TeamId == teamId && (p.AuthorAadObjectId == person || p.Reviewers.Contains(person)))
            .ToListAsync(cancellationToken);
        foreach (var post in posts)
        {
            post.ReplacePerson(person, coordinator, pseudonym, now);
        }

        return posts.Count(p => !p.Status.IsFinal() && p.AuthorAadObjectId == coordinator);
    }

    private async Task ReplaceInReviewPolicyAsync(string teamId, string coordinator, string person, CancellationToken cancellationToken)
    {
        var settings = await database.ReviewSettings.SingleOrDefaultAsync(s => s.TeamId == teamId, cancellationToken);
        if (settings is null)
        {
            return;
        }

        // A named reviewer who is gone would leave a level nobody can complete: the coordinator takes the place.
        IReadOnlyList<string> Replace(IReadOnlyList<string> reviewers) =>
            [.. reviewers.Select(r => AadIds.Same(r, person) ? coordinator : r).Distinct(AadIds.Comparer)];
        ReviewLevel Level(ReviewLevel level) => level with { Reviewers = Replace(level.Reviewers) };
        var policy = settings.Policy;
        settings.Policy = new ReviewPolicy(
            policy.Levels.Select(Level),
            policy.ConditionalLevels.Select(c => new ConditionalLevel(Level(c.Level), c.Tags, c.Keywords)),
            policy.Checklist);
        if (AadIds.Same(settings.UpdatedByAadObjectId, person))
        {
            settings.UpdatedByAadObjectId = coordinator;
        }
    }

    private async Task PseudonymiseHistoryAsync(string teamId, string person, string pseudonym, CancellationToken cancellationToken)
    {
        await database.TeamAudit.Where(e => e.TeamId == teamId && e.ActorAadObjectId == person)
            .ExecuteUpdateAsync(e => e.SetProperty(x => x.ActorAadObjectId, pseudonym), cancellationToken);
        await database.TeamAudit.Where(e => e.TeamId == teamId && e.SubjectAadObjectId == person)
            .ExecuteUpdateAsync(e => e.SetProperty(x => x.SubjectAadObjectId, pseudonym), cancellationToken);
        await database.TeamAudit.Where(e => e.TeamId == teamId && e.Details != null && e.Details.Contains(person))
            .ExecuteUpdateAsync(e => e.SetProperty(x => x.Details, x => x.Details!.Replace(person, pseudonym)), cancellationToken);

        // Rows owned by a post cannot be updated through EF in bulk: plain SQL, with names taken from the model.
        await RewritePostRowsAsync<AuditEntry>(nameof(AuditEntry.ActorAadObjectId), teamId, person, pseudonym, cancellationToken);
        await RewritePostRowsAsync<ReviewDecision>(nameof(ReviewDecision.ReviewerAadObjectId), teamId, person, pseudonym, cancellationToken);
        await RewritePostRowsAsync<PostComment>(nameof(PostComment.AuthorAadObjectId), teamId, person, pseudonym, cancellationToken);
        await RewritePostRowsAsync<Revision>(nameof(Revision.CreatedBy), teamId, person, pseudonym, cancellationToken);
        await RewritePostRowsAsync<PostVariant>(nameof(PostVariant.PublishedBy), teamId, person, pseudonym, cancellationToken);
    }

    /// <summary>
    /// Approved posts sent (or still to send) to the team's webhook carry names and ids in their JSON body. A body
    /// waiting to be sent then names the pseudonym instead; one already delivered is the record of what went out and is
    /// rewritten the same way, since the receiver has its own copy.
    /// </summary>
    private async Task PseudonymiseWebhookPayloadsAsync(string teamId, string coordinator, string person, string pseudonym, CancellationToken cancellationToken)
    {
        await database.Webhooks.Where(w => w.TeamId == teamId && w.UpdatedByAadObjectId == person)
            .ExecuteUpdateAsync(w => w.SetProperty(x => x.UpdatedByAadObjectId, coordinator), cancellationToken);
        var name = await database.People.Where(p => p.AadObjectId == person).Select(p => p.Name).SingleOrDefaultAsync(cancellationToken);
        var deliveries = await database.WebhookDeliveries.Where(d => d.TeamId == teamId && d.Body.Contains(person)).ToListAsync(cancellationToken);
        foreach (var delivery in deliveries)
        {
            var body = Scrub(delivery.Body, person, pseudonym, name);
            await database.WebhookDeliveries.Where(d => d.Id == delivery.Id).ExecuteUpdateAsync(d => d.SetProperty(x => x.Body, body), cancellationToken);
        }
    }

    /// <summary>
    /// The outbox: messages to the person go (there is no one to deliver them to); messages already sent that name them
    /// go too, being no longer needed; messages still waiting name the pseudonym. Stored answers to redelivered
    /// activities are a cache and simply go.
    /// </summary>
    private async Task ForgetInDeliveriesAsync(string person, string pseudonym, CancellationToken cancellationToken)
    {
        var name = await database.People.Where(p => p.AadObjectId == person).Select(p => p.Name).SingleOrDefaultAsync(cancellationToken);
        var marks = new List<string> { person };
        if (!string.IsNullOrEmpty(name))
        {
            marks.AddRange(EncodedForms(name));
        }

        await database.OutboundMessages.Where(m => m.RecipientAadObjectId == person).ExecuteDeleteAsync(cancellationToken);
        foreach (var mark in marks)
        {
            await database.OutboundMessages.Where(m => m.State == Delivery.OutboundState.Sent && m.ActivityJson.Contains(mark)).ExecuteDeleteAsync(cancellationToken);
            await database.ProcessedActivities.Where(p => p.InvokeResponseJson != null && p.InvokeResponseJson.Contains(mark)).ExecuteDeleteAsync(cancellationToken);
            var waiting = await database.OutboundMessages.Where(m => m.ActivityJson.Contains(mark)).Select(m => new { m.Id, m.ActivityJson }).ToListAsync(cancellationToken);
            foreach (var message in waiting)
            {
                var json = Scrub(message.ActivityJson, person, pseudonym, name);
                await database.OutboundMessages.Where(m => m.Id == message.Id).ExecuteUpdateAsync(m => m.SetProperty(x => x.ActivityJson, json), cancellationToken);
            }
        }
    }

    /// <summary>The person's id and name in a JSON text replaced, the name in each way JSON may have written it.</summary>
    private static string Scrub(string json, string person, string pseudonym, string? name)
    {
        var scrubbed = json.Replace(person, pseudonym, StringComparison.OrdinalIgnoreCase);
        if (string.IsNullOrEmpty(name))
        {
            return scrubbed;
        }

        var tag = EncodedForms(Pseudonyms.Tag(pseudonym)).First();
        return EncodedForms(name).Aggregate(scrubbed, (text, encoded) => text.Replace(encoded, tag, StringComparison.Ordinal));
    }

    /// <summary>A text as it appears inside a JSON string, with and without escaped umlauts.</summary>
    private static IEnumerable<string> EncodedForms(string text) =>
        new[] { System.Text.Json.JsonSerializer.Serialize(text), System.Text.Json.JsonSerializer.Serialize(text, RelaxedJson) }
            .Select(quoted => quoted[1..^1])
            .Distinct(StringComparer.Ordinal);

    private Task<int> RewritePostRowsAsync<TOwned>(string property, string teamId, string person, string pseudonym, CancellationToken cancellationToken)
    {
        var owned = database.Model.GetEntityTypes().Single(e => e.ClrType == typeof(TOwned));
        var posts = database.Model.FindEntityType(typeof(Post))!;
        var table = owned.GetTableName();
        var column = owned.FindProperty(property)!.GetColumnName();
        var postIdColumn = owned.FindProperty("PostId")!.GetColumnName();
        var postsTable = posts.GetTableName();
        var postsId = posts.FindProperty(nameof(Post.Id))!.GetColumnName();
        var postsTeam = posts.FindProperty(nameof(Post.TeamId))!.GetColumnName();
        var sql = $$"""
            UPDATE "{{table}}" SET "{{column}}" = {0}
            WHERE "{{column}}" = {1} AND "{{postIdColumn}}" IN (SELECT "{{postsId}}" FROM "{{postsTable}}" WHERE "{{postsTeam}}" = {2})
            """;
        return database.Database.ExecuteSqlRawAsync(sql, [pseudonym, person, teamId], cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Erased a person in team {TeamId} as {Pseudonym}: {SocialChannels} social channels and {Posts} posts handed over")]
    private static partial void LogErased(ILogger logger, string teamId, string pseudonym, int socialChannels, int posts);
}
