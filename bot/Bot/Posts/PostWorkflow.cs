using Bot.Persistence;
using Bot.Staffing;
using Bot.Teams;
using Microsoft.EntityFrameworkCore;

namespace Bot.Posts;

/// <summary>What the author typed into the draft form, before the server has checked any of it.</summary>
/// <param name="SocialChannelIds">Ids from the form; only the team's own, active social channels are accepted.</param>
/// <param name="NamedReviewers">AAD object ids the author named on top of the people responsible for the social channels.</param>
public sealed record DraftRequest(
    string WorkingTitle,
    string BaseText,
    IReadOnlyList<int> SocialChannelIds,
    DateTimeOffset? PlannedPublishAt,
    string? Tag,
    IReadOnlyList<string>? NamedReviewers = null);

/// <summary>
/// The outcome of a workflow call: the post as it is now (null when it does not exist for the caller's team) and, when
/// the aggregate was asked, its answer.
/// </summary>
public sealed record PostWorkflowResult(Post? Post, PostRefusalReason? Refusal, PostActionResult? Action = null, IReadOnlyList<ContentProblem>? ContentProblems = null)
{
    /// <summary>The role the server holds for the actor, to word a <see cref="PostRefusalReason.RoleNotAllowed"/>.</summary>
    public TeamRole? ActorRole { get; init; }

    public bool Succeeded => Post is not null && Refusal is null;

    /// <summary>No such post in the caller's team: unknown id, or another team's post (forged card data).</summary>
    public bool NotFound => Post is null && Refusal == PostRefusalReason.NotInTeam;

    internal static PostWorkflowResult Missing { get; } = new(null, PostRefusalReason.NotInTeam);
}

/// <summary>
/// The review workflow as the chat layer calls it: load the post, keep it inside its team, build the actor from the
/// role the server has stored (never from card data), let the aggregate decide, save with optimistic concurrency.
/// The rules themselves (four eyes, stale revisions, policy levels) stay in <see cref="Post"/>.
/// </summary>
public sealed partial class PostWorkflow(
    BotDbContext database,
    TeamDirectory teams,
    ReviewSettingsStore reviewSettings,
    TimeProvider timeProvider,
    ILogger<PostWorkflow> logger,
    IEnumerable<IPostChangeSubscriber>? subscribers = null)
{
    // A lost race is re-run against the winner's state once; the aggregate then answers "already decided" or "wrong
    // state". A third attempt only happens when three people act within the same moment, and then it may throw.
    private const int MaxAttempts = 3;

    // Compiled once: every card action on a post loads it with its collections, tracked to change it or not to show it.
    private static readonly Func<BotDbContext, Guid, CancellationToken, Task<Post?>> TrackedPost =
        EF.CompileAsyncQuery((BotDbContext db, Guid postId, CancellationToken _) => db.Posts.SingleOrDefault(p => p.Id == postId));

    private static readonly Func<BotDbContext, Guid, CancellationToken, Task<Post?>> UntrackedPost =
        EF.CompileAsyncQuery((BotDbContext db, Guid postId, CancellationToken _) => db.Posts.AsNoTracking().SingleOrDefault(p => p.Id == postId));

    public async Task<PostWorkflowResult> CreateDraftAsync(Team team, string actorAadObjectId, DraftRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(team);
        ArgumentNullException.ThrowIfNull(request);
        var actor = await ActorAsync(team.TeamId, actorAadObjectId, cancellationToken);
        var requestedIds = request.SocialChannelIds.Distinct().ToList();
        var channels = await database.SocialChannels.AsNoTracking()
            .Where(c => c.TeamId == team.TeamId && !c.IsArchived && requestedIds.Contains(c.Id))
            .ToListAsync(cancellationToken);
        if (channels.Count != requestedIds.Count)
        {
            LogForeignSocialChannel(logger, team.TeamId, actorAadObjectId);
            return new(null, PostRefusalReason.InvalidContent, ContentProblems: [ContentProblem.InvalidSocialChannel]);
        }

        var now = timeProvider.GetUtcNow();
        var reviewers = await ReviewersAsync(team, actorAadObjectId, channels.Select(c => c.Id), request.NamedReviewers ?? [], now, cancellationToken);
        var content = new PostContent(
            request.WorkingTitle?.Trim() ?? string.Empty,
            request.BaseText?.Trim() ?? string.Empty,
            [.. channels.OrderBy(c => c.Platform).ThenBy(c => c.Id).Select(c => new VariantContent(c.Id, c.Platform))],
            Tags: string.IsNullOrWhiteSpace(request.Tag) ? [] : [request.Tag],
            Reviewers: reviewers);
        var draft = Post.Draft(actor, content, now, request.PlannedPublishAt);
        if (draft.Post is null)
        {
            return new(null, draft.Refusal, ContentProblems: draft.ContentProblems);
        }

        database.Posts.Add(draft.Post);
        var change = new PostChanged(draft.Post, "draft", now);
        await PublishSavingAsync(change, cancellationToken);
        await database.SaveChangesAsync(cancellationToken);
        LogPostAction(logger, "draft", draft.Post.Id, team.TeamId, actorAadObjectId);
        await PublishCommittedAsync(change, cancellationToken);
        return new(draft.Post, null);
    }

    /// <summary>The post as its team sees it; <see cref="PostWorkflowResult.NotFound"/> for another team's post.</summary>
    public async Task<PostWorkflowResult> FindAsync(string teamId, Guid postId, string? actorAadObjectId, CancellationToken cancellationToken)
    {
        var post = await LoadAsync(teamId, postId, actorAadObjectId, tracked: false, cancellationToken);
        return post is null ? PostWorkflowResult.Missing : new(post, null);
    }

    /// <summary>
    /// Submits the post with its reviewers looked up now (owners, their covers, backups, coordinators of its social
    /// channels), not as they were when the draft was made.
    /// </summary>
    public async Task<PostWorkflowResult> SubmitAsync(string teamId, Guid postId, string actorAadObjectId, CancellationToken cancellationToken)
    {
        var found = await LoadAsync(teamId, postId, actorAadObjectId, tracked: false, cancellationToken);
        var team = await database.Teams.AsNoTracking().SingleOrDefaultAsync(t => t.TeamId == teamId, cancellationToken);
        if (found is null || team is null)
        {
            return PostWorkflowResult.Missing;
        }

        var reviewers = await ReviewersAsync(team, found.AuthorAadObjectId, found.Variants.Select(v => v.SocialChannelId), [], timeProvider.GetUtcNow(), cancellationToken);
        return await ActAsync(teamId, postId, actorAadObjectId, "submit", (post, actor, policy, now) => post.SubmitForReview(actor, policy, now, reviewers), cancellationToken);
    }

    /// <summary>
    /// The author changes the working title, the base text and the text per social channel; everything else stays.
    /// A variant whose text is empty, equals the new base text, or still shows the old base text it followed, follows
    /// the base text; any other text becomes its own. Ids that are not the post's social channels are ignored (card data
    /// is untrusted). Under review this makes a new revision (the post says so).
    /// </summary>
    public Task<PostWorkflowResult> EditAsync(
        string teamId,
        Guid postId,
        string actorAadObjectId,
        string workingTitle,
        string baseText,
        IReadOnlyDictionary<int, string> variantTexts,
        CancellationToken cancellationToken) =>
        ActAsync(teamId, postId, actorAadObjectId, "edit", (post, actor, policy, now) =>
        {
            var newBase = baseText.Trim();
            VariantContent Wanted(PostVariant v)
            {
                if (!variantTexts.TryGetValue(v.SocialChannelId, out var typed))
                {
                    return new(v.SocialChannelId, v.Platform, v.FollowsBaseText ? null : v.Text);
                }

                var text = typed.Trim();
                var followsBase = text.Length == 0 || text == newBase || (v.FollowsBaseText && text == v.Text);
                return new(v.SocialChannelId, v.Platform, followsBase ? null : text);
            }

            return post.Edit(
                actor,
                new PostContent(
                    workingTitle.Trim(),
                    newBase,
                    [.. post.Variants.Select(Wanted)],
                    post.Tags,
                    post.Department,
                    post.Links,
                    post.MediaReferences,
                    post.Reviewers),
                policy,
                now);
        }, cancellationToken);

    /// <summary>A comment on the post's current revision, shown on its cards and in <c>show</c>.</summary>
    public Task<PostWorkflowResult> CommentAsync(string teamId, Guid postId, string actorAadObjectId, string text, CancellationToken cancellationToken) =>
        ActAsync(teamId, postId, actorAadObjectId, "comment", (post, actor, _, now) => post.AddComment(actor, text, now), cancellationToken);

    /// <summary>
    /// Approves for the actor's level. What follows an approval that completes the review (the team's webhook) is
    /// written by the subscribers in the same transaction as the approval, so neither exists without the other.
    /// </summary>
    public Task<PostWorkflowResult> ApproveAsync(string teamId, Guid postId, string actorAadObjectId, int revision, IReadOnlyCollection<string> confirmedChecklistItems, string? comment, CancellationToken cancellationToken) =>
        ActAsync(teamId, postId, actorAadObjectId, "approve", (post, actor, policy, now) => post.Approve(actor, revision, policy, confirmedChecklistItems, now, comment), cancellationToken);

    public Task<PostWorkflowResult> RequestChangesAsync(string teamId, Guid postId, string actorAadObjectId, int revision, string comment, CancellationToken cancellationToken) =>
        ActAsync(teamId, postId, actorAadObjectId, "request-changes", (post, actor, policy, now) => post.RequestChanges(actor, revision, policy, comment, now), cancellationToken);

    public Task<PostWorkflowResult> RejectAsync(string teamId, Guid postId, string actorAadObjectId, int revision, string reason, CancellationToken cancellationToken) =>
        ActAsync(teamId, postId, actorAadObjectId, "reject", (post, actor, policy, now) => post.Reject(actor, revision, policy, reason, now), cancellationToken);

    public Task<PostWorkflowResult> WithdrawAsync(string teamId, Guid postId, string actorAadObjectId, CancellationToken cancellationToken) =>
        ActAsync(teamId, postId, actorAadObjectId, "withdraw", (post, actor, _, now) => post.Withdraw(actor, now), cancellationToken);

    /// <summary>
    /// The id people type: the last 8 hex digits of the post's id (the random end of a version-7 GUID; its start is a
    /// timestamp and would repeat for posts made in the same minute). Unique within a team in practice; if two posts
    /// ever share it, neither is found and the user is asked to use the card.
    /// </summary>
    public static string ShortId(Guid postId) => postId.ToString("N")[^8..];

    public async Task<PostWorkflowResult> FindByShortIdAsync(string teamId, string shortId, string? actorAadObjectId, CancellationToken cancellationToken)
    {
        var wanted = shortId.Trim().TrimStart('#');
        var ids = await database.Posts.AsNoTracking().Where(p => p.TeamId == teamId).Select(p => p.Id).ToListAsync(cancellationToken);
        var matches = ids.Where(id => string.Equals(ShortId(id), wanted, StringComparison.OrdinalIgnoreCase)).Take(2).ToList();
        return matches.Count == 1 ? await FindAsync(teamId, matches[0], actorAadObjectId, cancellationToken) : PostWorkflowResult.Missing;
    }

    /// <summary>The author's posts that are not finished (not published, rejected or withdrawn), latest change first.</summary>
    public async Task<IReadOnlyList<Post>> OpenPostsOfAsync(string teamId, string authorAadObjectId, CancellationToken cancellationToken)
    {
        var finished = new[] { PostStatus.Published, PostStatus.Rejected, PostStatus.Withdrawn };
        var posts = await database.Posts.AsNoTracking()
            .Where(p => p.TeamId == teamId && p.AuthorAadObjectId == authorAadObjectId && !finished.Contains(p.Status))
            .ToListAsync(cancellationToken);
        return [.. posts.OrderByDescending(p => p.UpdatedAt).Take(20)];
    }

    /// <summary>Posts in review where <paramref name="reviewerAadObjectId"/> can move the review forward now.</summary>
    public async Task<IReadOnlyList<Post>> WaitingForAsync(string teamId, string reviewerAadObjectId, CancellationToken cancellationToken)
    {
        var policy = await reviewSettings.PolicyOfAsync(teamId, cancellationToken);
        var posts = await database.Posts.AsNoTracking().Where(p => p.TeamId == teamId && p.Status == PostStatus.InReview).ToListAsync(cancellationToken);
        return [.. posts
            .Where(p => policy.Evaluate(p).MayApproveNow.Contains(reviewerAadObjectId, AadIds.Comparer))
            .OrderBy(p => p.PlannedPublishAt ?? DateTimeOffset.MaxValue)
            .Take(20)];
    }

    /// <summary>
    /// Records a variant live. Who looks after its social channel is read from the same staffing the "time to publish"
    /// nudge is routed by, so whoever got the nudge may do it (typed or with the card's button).
    /// </summary>
    public async Task<PostWorkflowResult> MarkPublishedAsync(string teamId, Guid postId, string actorAadObjectId, int socialChannelId, string liveUrl, CancellationToken cancellationToken)
    {
        var team = await database.Teams.AsNoTracking().SingleOrDefaultAsync(t => t.TeamId == teamId, cancellationToken);
        if (team is null)
        {
            return PostWorkflowResult.Missing;
        }

        var now = timeProvider.GetUtcNow();
        var lookingAfter = ResponsibilityRouting.LookingAfter(
            await database.StaffingOfAsync(teams, team, socialChannelId, now, cancellationToken), now, PostConversation.Zone(team));
        return await ActAsync(teamId, postId, actorAadObjectId, "published", (post, actor, _, at) => post.MarkPublished(actor, socialChannelId, liveUrl, at, lookingAfter), cancellationToken);
    }

    /// <summary>
    /// A slot that passed without approval gets a new time from the missed-slot card. Only the author or a
    /// coordinator moves it; the time is not content, so the review goes on where it stood.
    /// </summary>
    public Task<PostWorkflowResult> MoveSlotAsync(string teamId, Guid postId, string actorAadObjectId, DateTimeOffset publishAt, CancellationToken cancellationToken) =>
        ActAsync(teamId, postId, actorAadObjectId, "move-slot", (post, actor, _, now) =>
            MayMoveSlotOf(actor, post.AuthorAadObjectId)
                ? post.Reschedule(actor, publishAt, now)
                : PostActionResult.Refused(post, PostRefusalReason.NotAuthor), cancellationToken);

    /// <summary>Who may move a post's slot at all: its author or a coordinator.</summary>
    public static bool MayMoveSlotOf(Actor actor, string authorAadObjectId)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return actor.Is(authorAadObjectId) || actor.Role.CanManageTeam();
    }

    /// <summary>
    /// Whether a move could be accepted, as a calendar shows it before anyone tries: <see cref="MayMoveSlotOf"/> and
    /// what <see cref="Post.Reschedule"/> refuses whatever the new time (a role that does not write, a final state).
    /// </summary>
    public static bool CanMoveSlot(Actor actor, string authorAadObjectId, PostStatus status) =>
        MayMoveSlotOf(actor, authorAadObjectId) && actor.Role.CanWritePosts() && !status.IsFinal();

    public Task<ReviewPolicy> PolicyOfAsync(string teamId, CancellationToken cancellationToken) => reviewSettings.PolicyOfAsync(teamId, cancellationToken);

    private async Task<PostWorkflowResult> ActAsync(
        string teamId,
        Guid postId,
        string actorAadObjectId,
        string verb,
        Func<Post, Actor, ReviewPolicy, DateTimeOffset, PostActionResult> action,
        CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var post = await LoadAsync(teamId, postId, actorAadObjectId, tracked: true, cancellationToken);
            if (post is null)
            {
                return PostWorkflowResult.Missing;
            }

            var actor = await ActorAsync(teamId, actorAadObjectId, cancellationToken);
            var policy = await reviewSettings.PolicyOfAsync(teamId, cancellationToken);
            var result = action(post, actor, policy, timeProvider.GetUtcNow());
            if (!result.Succeeded)
            {
                LogRefused(logger, verb, postId, actorAadObjectId, result.Refusal!.Value);
                database.ChangeTracker.Clear();
                return new(post, result.Refusal, result) { ActorRole = actor.Role };
            }

            var change = new PostChanged(post, verb, timeProvider.GetUtcNow());
            await PublishSavingAsync(change, cancellationToken);
            try
            {
                await database.SaveChangesAsync(cancellationToken);
                LogPostAction(logger, verb, postId, teamId, actorAadObjectId);
                await PublishCommittedAsync(change, cancellationToken);
                return new(post, null, result);
            }
            catch (DbUpdateConcurrencyException) when (attempt < MaxAttempts)
            {
                LogConcurrentChange(logger, verb, postId, attempt);
                database.ChangeTracker.Clear();
            }
        }
    }

    private async Task PublishSavingAsync(PostChanged change, CancellationToken cancellationToken)
    {
        foreach (var subscriber in subscribers ?? [])
        {
            await subscriber.OnSavingAsync(change, cancellationToken);
        }
    }

    // Called after the save that committed the change: woken or scheduled earlier, a worker would look before it is there.
    private async Task PublishCommittedAsync(PostChanged change, CancellationToken cancellationToken)
    {
        foreach (var subscriber in subscribers ?? [])
        {
            await subscriber.OnCommittedAsync(change, cancellationToken);
        }
    }

    private async Task<Post?> LoadAsync(string teamId, Guid postId, string? actorAadObjectId, bool tracked, CancellationToken cancellationToken)
    {
        var post = await (tracked ? TrackedPost : UntrackedPost)(database, postId, cancellationToken);
        if (post is null)
        {
            LogUnknownPost(logger, postId, teamId, actorAadObjectId);
            return null;
        }

        if (!string.Equals(post.TeamId, teamId, StringComparison.Ordinal))
        {
            // Card data is user input: a post id from another team means forged or misrouted data, never access.
            LogCrossTeamAttempt(logger, postId, post.TeamId, teamId, actorAadObjectId);
            database.ChangeTracker.Clear();
            return null;
        }

        return post;
    }

    private async Task<Actor> ActorAsync(string teamId, string aadObjectId, CancellationToken cancellationToken) =>
        new(aadObjectId, teamId, await teams.RoleOfAsync(teamId, aadObjectId, cancellationToken));

    /// <summary>
    /// The people responsible today for each social channel (owner; while away their cover, then a backup, then a
    /// coordinator), plus the names given on the draft. Never the author: for the author's own social channel the next
    /// person in line reviews.
    /// </summary>
    private async Task<IReadOnlyList<string>> ReviewersAsync(Team team, string author, IEnumerable<int> socialChannelIds, IEnumerable<string> named, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var ids = socialChannelIds.ToList();
        var assignments = await database.Assignments.AsNoTracking()
            .Where(a => a.TeamId == team.TeamId && ids.Contains(a.SocialChannelId))
            .OrderBy(a => a.Since)
            .ToListAsync(cancellationToken);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(team.TimeZoneId);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        var absences = await database.Absences.AsNoTracking()
            .Where(a => a.TeamId == team.TeamId && a.LastDay >= today && a.FirstDay <= today)
            .ToListAsync(cancellationToken);
        var coordinators = (await teams.CoordinatorsAsync(team.TeamId, cancellationToken)).Where(c => !AadIds.Same(c, author)).ToList();
        var reviewers = new List<string>();
        foreach (var id in ids)
        {
            var staff = assignments.Where(a => a.SocialChannelId == id && !AadIds.Same(a.AadObjectId, author)).ToList();
            var owner = staff.FirstOrDefault(a => a.Kind == AssignmentKind.Owner)?.AadObjectId;
            var backups = staff.Where(a => a.Kind == AssignmentKind.Backup).Select(a => a.AadObjectId).ToList();
            // An absent owner covered by the author falls through to the backups.
            var covers = absences.Select(a => AadIds.Same(a.CoverAadObjectId, author)
                ? new Absence { TeamId = a.TeamId, AadObjectId = a.AadObjectId, FirstDay = a.FirstDay, LastDay = a.LastDay }
                : a).ToList();
            if (ResponsibilityRouting.Resolve(new SocialChannelStaffing(owner, backups, coordinators, covers), now, zone) is { } responsible)
            {
                reviewers.Add(responsible.AadObjectId);
            }
        }

        return [.. reviewers.Concat(named.Where(n => !string.IsNullOrWhiteSpace(n))).Where(r => !AadIds.Same(r, author)).Distinct(AadIds.Comparer)];
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Post action {Verb} on post {PostId} in team {TeamId} by {ActorAadObjectId}")]
    private static partial void LogPostAction(ILogger logger, string verb, Guid postId, string teamId, string actorAadObjectId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Post action {Verb} on post {PostId} by {ActorAadObjectId} refused: {Reason}")]
    private static partial void LogRefused(ILogger logger, string verb, Guid postId, string actorAadObjectId, PostRefusalReason reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Post action {Verb} on post {PostId} lost a race (attempt {Attempt}); re-running against the saved state")]
    private static partial void LogConcurrentChange(ILogger logger, string verb, Guid postId, int attempt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Unknown post {PostId} asked for in team {TeamId} by {ActorAadObjectId}")]
    private static partial void LogUnknownPost(ILogger logger, Guid postId, string teamId, string? actorAadObjectId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused post {PostId} of team {PostTeamId} to {ActorAadObjectId} acting in team {TeamId}")]
    private static partial void LogCrossTeamAttempt(ILogger logger, Guid postId, string postTeamId, string teamId, string? actorAadObjectId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Draft in team {TeamId} by {ActorAadObjectId} named a social channel outside the team")]
    private static partial void LogForeignSocialChannel(ILogger logger, string teamId, string actorAadObjectId);
}
