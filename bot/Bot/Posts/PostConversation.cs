using System.Globalization;
using Bot.Delivery;
using Bot.Hosting;
using Bot.Localization;
using Bot.Persistence;
using Bot.Protocol.AdaptiveCards;
using Bot.Protocol.Builder;
using Bot.Teams;
using Bot.Turns;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Bot.Posts;

/// <summary>
/// What the post commands and card actions share: reading a post into a <see cref="PostCardView"/>, keeping the
/// approval card in the team's channel current, telling the author a verdict, and wording the workflow's refusals.
/// <see cref="PostWorkflow"/> decides; this only renders and delivers.
/// </summary>
public sealed partial class PostConversation(
    PostWorkflow workflow,
    BotDbContext database,
    Outbox outbox,
    Notifier notifier,
    AlongsidePostChange alongside,
    IOptions<BotOptions> options,
    ILogger<PostConversation> logger)
{
    // What the cards of one scope (a turn, a job) show of people and social channels: a decision renders its post three
    // times (the clicker's card, the team channel's card, the author's note), and each read them again.
    private readonly Dictionary<string, Person?> _people = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<(string TeamId, int Id), Staffing.SocialChannel?> _channels = [];

    // Compiled once: every card a decision renders needs them.
    private static readonly Func<BotDbContext, List<string>, IAsyncEnumerable<Person>> PeopleWithIds =
        EF.CompileAsyncQuery((BotDbContext db, List<string> ids) => db.People.AsNoTracking().Where(p => ids.Contains(p.AadObjectId)));

    private static readonly Func<BotDbContext, string, List<int>, IAsyncEnumerable<Staffing.SocialChannel>> SocialChannelsWithIds =
        EF.CompileAsyncQuery((BotDbContext db, string teamId, List<int> ids) => db.SocialChannels.AsNoTracking().Where(c => c.TeamId == teamId && ids.Contains(c.Id)));

    public async Task<PostCardView> ViewAsync(Post post, Team team, CancellationToken cancellationToken)
    {
        var policy = await workflow.PolicyOfAsync(team.TeamId, cancellationToken);
        var progress = policy.Evaluate(post);
        var reviewers = progress.AllReviewers.ToList();
        var ids = reviewers.Append(post.AuthorAadObjectId).Concat(post.AuditTrail.Select(e => e.ActorAadObjectId)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var people = await PeopleAsync(ids, cancellationToken);
        var channels = await SocialChannelsAsync(team.TeamId, post.Variants.Select(v => v.SocialChannelId), cancellationToken);
        return new PostCardView(
            post,
            Zone(team),
            policy.Checklist,
            reviewers,
            progress.MayApproveNow,
            people.Where(p => p.Name is { Length: > 0 }).ToDictionary(p => p.AadObjectId, p => p.Name!, StringComparer.OrdinalIgnoreCase),
            channels.ToDictionary(c => c.Id, c => c.DisplayName),
            [.. people.Where(p => p.TeamsUserId is { Length: > 0 } && reviewers.Contains(p.AadObjectId, StringComparer.OrdinalIgnoreCase)).Select(p => p.TeamsUserId!)]);
    }

    private async Task<List<Person>> PeopleAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        var unread = ids.Where(id => !_people.ContainsKey(id)).ToList();
        if (unread.Count > 0)
        {
            foreach (var id in unread)
            {
                _people[id] = null;
            }

            await foreach (var person in PeopleWithIds(database, unread).WithCancellation(cancellationToken))
            {
                _people[person.AadObjectId] = person;
            }
        }

        return [.. ids.Select(id => _people[id]).OfType<Person>()];
    }

    private async Task<List<Staffing.SocialChannel>> SocialChannelsAsync(string teamId, IEnumerable<int> ids, CancellationToken cancellationToken)
    {
        var wanted = ids.Distinct().ToList();
        var unread = wanted.Where(id => !_channels.ContainsKey((teamId, id))).ToList();
        if (unread.Count > 0)
        {
            foreach (var id in unread)
            {
                _channels[(teamId, id)] = null;
            }

            await foreach (var channel in SocialChannelsWithIds(database, teamId, unread).WithCancellation(cancellationToken))
            {
                _channels[(teamId, channel.Id)] = channel;
            }
        }

        return [.. wanted.Select(id => _channels[(teamId, id)]).OfType<Staffing.SocialChannel>()];
    }

    /// <summary>
    /// A typed change to a post named by its short id (withdraw, comment, published): the refusal or the confirmation as
    /// text, and the approval card in the team's channel follows, if it was ever posted.
    /// </summary>
    public async Task<string> ChangeByShortIdAsync(
        CommandTurn turn,
        string shortId,
        Func<Guid, CancellationToken, Task<PostWorkflowResult>> change,
        Func<Post, string> done,
        CancellationToken cancellationToken)
    {
        var (team, actor) = (turn.Actor.Team, turn.Actor.AadObjectId);
        var found = await workflow.FindByShortIdAsync(team.TeamId, shortId, actor, cancellationToken);
        if (found.Post is null)
        {
            return Texts.RefusalNotFound;
        }

        ShowInTeamChannelWithChange(team, turn.Activity.ServiceUrl!, onlyIfPosted: true);
        var result = await change(found.Post.Id, cancellationToken);
        if (result.Post is null)
        {
            return Texts.RefusalNotFound;
        }

        var view = await ViewAsync(result.Post, team, cancellationToken);
        if (!result.Succeeded)
        {
            return RefusalText(result, view);
        }

        return done(result.Post);
    }

    /// <summary>
    /// With the turn's next change to a post, in the same save: the approval card goes to the team's channel the first
    /// time and updates that same message after (only if it was ever posted, with <paramref name="onlyIfPosted"/>).
    /// </summary>
    public void ShowInTeamChannelWithChange(Team team, string serviceUrl, bool onlyIfPosted) =>
        alongside.Add(async (post, ct) => await QueueInTeamChannelAsync(team, await ViewAsync(post, team, ct), serviceUrl, onlyIfPosted, ct));

    /// <summary>With the turn's next change to a post, in the same save: the verdict for the author.</summary>
    public void TellAuthorWithChange(Team team, string decider, ReviewVerdict verdict, string? comment, Protocol.Schema.ChannelAccount bot, string serviceUrl) =>
        alongside.Add(async (post, ct) => await TellAuthorAsync(team, await ViewAsync(post, team, ct), decider, verdict, comment, bot, serviceUrl, ct));

    /// <summary>
    /// A post's planned time moved, by the chat's missed-slot card or the calendar tab: the rule is the workflow's
    /// (<see cref="PostWorkflow.MoveSlotAsync"/>), and in the same save the approval card in the team's channel shows the
    /// new time (if it was ever posted) and the author hears of it when someone else moved their post. Without a turn
    /// (the tab) the addresses are the ones the bot stored: the card's own, else the team's conversation.
    /// </summary>
    public async Task<PostWorkflowResult> MoveSlotAsync(Team team, Guid postId, string actorAadObjectId, DateTimeOffset publishAt, string? turnServiceUrl, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(team);
        alongside.Add(async (post, ct) =>
        {
            var view = await ViewAsync(post, team, ct);
            var teamConversation = await database.Conversations.AsNoTracking()
                .Where(c => c.TeamId == team.TeamId && c.BotId != null)
                .OrderByDescending(c => c.LastSeenAt)
                .FirstOrDefaultAsync(ct);
            var cardServiceUrl = await database.PostApprovalMessages.AsNoTracking().Where(m => m.PostId == post.Id).Select(m => m.ServiceUrl).FirstOrDefaultAsync(ct);
            if ((cardServiceUrl ?? turnServiceUrl ?? teamConversation?.ServiceUrl) is { } serviceUrl)
            {
                await QueueInTeamChannelAsync(team, view, serviceUrl, onlyIfPosted: true, ct);
            }

            if (!AadIdsEqual(actorAadObjectId, post.AuthorAadObjectId) && teamConversation is { BotId: { } botId })
            {
                await TellAuthorOfMoveAsync(team, view, actorAadObjectId, new Protocol.Schema.ChannelAccount(botId, teamConversation.BotName), turnServiceUrl ?? teamConversation.ServiceUrl, ct);
            }
        });
        return await workflow.MoveSlotAsync(team.TeamId, postId, actorAadObjectId, publishAt, cancellationToken);
    }

    private async Task TellAuthorOfMoveAsync(Team team, PostCardView view, string mover, Protocol.Schema.ChannelAccount bot, string serviceUrl, CancellationToken cancellationToken)
    {
        var post = view.Post;
        if (post.PlannedPublishAt is not { } plannedAt)
        {
            return;
        }

        var name = view.NameOf(mover);
        await TellAuthorAsync(team, post, bot, serviceUrl, () => Texts.FormatAuthorNoteSlotMoved(name, post.WorkingTitle, PostCards.Instant(plannedAt, view.TeamTimeZone)), cancellationToken);
    }

    private async Task QueueInTeamChannelAsync(Team team, PostCardView view, string serviceUrl, bool onlyIfPosted, CancellationToken cancellationToken)
    {
        var slot = ApprovalCardSlot.For(view.Post.Id);
        if (onlyIfPosted
            && !await database.PostApprovalMessages.AnyAsync(m => m.PostId == view.Post.Id, cancellationToken)
            && !await database.OutboundMessages.AnyAsync(m => m.Slot == slot, cancellationToken))
        {
            return;
        }

        // One slot per post: the first message posts the card, every later one updates it in place, strictly in order,
        // so a retried older state can never overwrite a newer one.
        var activity = MessageFactory.Attachment(BotLanguage.In(TeamLanguage(team), () => PostCards.Review(view with { Viewer = null }, forReviewer: false)).ToAttachment());
        outbox.ToConversation(OutboundKinds.ApprovalCard, team.TeamId, team.TenantId, serviceUrl, team.HomeTeamsChannelId ?? team.TeamId, activity, slot);
        LogApprovalCardQueued(logger, view.Post.Id);
    }

    private async Task TellAuthorAsync(Team team, PostCardView view, string decider, ReviewVerdict verdict, string? comment, Protocol.Schema.ChannelAccount bot, string serviceUrl, CancellationToken cancellationToken)
    {
        var post = view.Post;
        // An approval that only completes one level is not yet the verdict.
        if (verdict == ReviewVerdict.Approved && post.Status != PostStatus.Approved)
        {
            return;
        }

        var name = view.NameOf(decider);
        await TellAuthorAsync(
            team,
            post,
            bot,
            serviceUrl,
            () => verdict switch
            {
                ReviewVerdict.Approved => string.IsNullOrWhiteSpace(comment)
                    ? Texts.FormatAuthorNoteApproved(post.WorkingTitle, name)
                    : Texts.FormatAuthorNoteApprovedWithComment(title: post.WorkingTitle, reviewer: name, comment: comment.Trim()),
                ReviewVerdict.ChangesRequested => Texts.FormatAuthorNoteChangesRequested(name, post.WorkingTitle, comment ?? string.Empty, PostWorkflow.ShortId(post.Id)),
                _ => Texts.FormatAuthorNoteRejected(name, post.WorkingTitle, comment ?? string.Empty),
            },
            cancellationToken);
    }

    /// <summary>Queues a note to the post's author in their personal chat; it commits with the caller's save.</summary>
    private async Task TellAuthorAsync(Team team, Post post, Protocol.Schema.ChannelAccount bot, string serviceUrl, Func<string> text, CancellationToken cancellationToken)
    {
        var author = (await PeopleAsync([post.AuthorAadObjectId], cancellationToken)).SingleOrDefault();
        if (author?.TeamsUserId is not { Length: > 0 } userId)
        {
            LogAuthorUnreachable(logger, post.Id);
            return;
        }

        await notifier.QueueToPersonAsync(
            OutboundKinds.AuthorNote,
            team,
            new TeamMember(author.AadObjectId, userId, author.Name ?? string.Empty),
            bot,
            serviceUrl,
            () => MessageFactory.Text(text()),
            cancellationToken);
    }

    /// <summary>The team's social channels a new post may go to, in the order the draft form lists them.</summary>
    public Task<List<Staffing.SocialChannel>> SocialChannelsAsync(string teamId, CancellationToken cancellationToken) =>
        database.SocialChannels.AsNoTracking()
            .Where(c => c.TeamId == teamId && !c.IsArchived)
            .OrderBy(c => c.Platform)
            .ThenBy(c => c.Handle)
            .ToListAsync(cancellationToken);

    public static TimeZoneInfo Zone(Team team) => TimeZoneInfo.FindSystemTimeZoneById(team.TimeZoneId);

    public static bool AadIdsEqual(string left, string right) => string.Equals(left, right, StringComparison.OrdinalIgnoreCase);

    /// <summary>The post a card button is about; the id comes from card data, so it is only a claim the workflow checks.</summary>
    public static bool TryReadPostId(CardActionRequest request, out Guid postId) =>
        Guid.TryParseExact(request.Input(PostCards.PostIdData), "D", out postId);

    /// <summary>The revision the clicker saw; a missing or unreadable one counts as 0, which every post refuses as stale.</summary>
    public static int RevisionOf(CardActionRequest request) =>
        int.TryParse(request.Input(PostCards.RevisionData), NumberStyles.None, CultureInfo.InvariantCulture, out var revision) ? revision : 0;

    public static string ContentProblemText(ContentProblem? problem) => problem switch
    {
        ContentProblem.WorkingTitleMissing => Texts.DraftProblemWorkingTitleMissing,
        ContentProblem.WorkingTitleTooLong => Texts.DraftProblemWorkingTitleTooLong,
        ContentProblem.NoVariants => Texts.DraftProblemNoVariants,
        ContentProblem.InvalidSocialChannel or ContentProblem.DuplicateSocialChannel => Texts.DraftProblemInvalidSocialChannel,
        ContentProblem.InvalidTag => Texts.DraftProblemInvalidTag,
        _ => Texts.DraftProblemOther,
    };

    public static string RefusalText(PostWorkflowResult result, PostCardView view) => result.Refusal switch
    {
        PostRefusalReason.AuthorCannotReview => Texts.RefusalAuthorCannotReview,
        PostRefusalReason.NotAReviewer => Texts.RefusalNotAReviewer,
        PostRefusalReason.RoleNotAllowed => Texts.FormatRefusalRoleNotAllowed(DisplayNames.Role(result.ActorRole ?? TeamRole.Viewer)),
        PostRefusalReason.NotAuthor => Texts.RefusalNotAuthor,
        PostRefusalReason.WaitingForEarlierLevel => Texts.RefusalWaitingForEarlierLevel,
        PostRefusalReason.StaleRevision => Texts.RefusalStaleRevision,
        PostRefusalReason.AlreadyDecided => result.Action?.EarlierDecision is { } earlier
            ? Texts.FormatRefusalAlreadyDecided(view.NameOf(earlier.ReviewerAadObjectId))
            : Texts.RefusalAlreadyDecidedNoName,
        PostRefusalReason.WrongState => Texts.FormatRefusalWrongState(PostCards.StatusName(view.Post.Status)),
        PostRefusalReason.CommentRequired => Texts.RefusalCommentRequired,
        PostRefusalReason.ChecklistIncomplete => Texts.FormatRefusalChecklistIncomplete(string.Join(", ", view.Checklist.Items
            .Where(i => result.Action?.MissingChecklistItems.Contains(i.Id, StringComparer.OrdinalIgnoreCase) == true)
            .Select(i => i.Text))),
        PostRefusalReason.BlockedByPlatformCheck => Texts.RefusalBlocked,
        PostRefusalReason.NotEnoughReviewers => Texts.RefusalNotEnoughReviewers,
        PostRefusalReason.NothingChanged => Texts.RefusalNothingChanged,
        PostRefusalReason.InvalidLiveUrl => Texts.RefusalInvalidLiveUrl,
        PostRefusalReason.AlreadyPublished => Texts.RefusalAlreadyPublished,
        PostRefusalReason.AlreadyLive => Texts.RefusalAlreadyLive,
        PostRefusalReason.UnknownSocialChannel => Texts.RefusalUnknownSocialChannel,
        _ => Texts.RefusalOther,
    };

    private CultureInfo TeamLanguage(Team team) => BotLanguage.FromLocale(team.Language ?? options.Value.DefaultLanguage);

    [LoggerMessage(Level = LogLevel.Information, Message = "Approval card of post {PostId} queued for the team's channel")]
    private static partial void LogApprovalCardQueued(ILogger logger, Guid postId);

    [LoggerMessage(Level = LogLevel.Information, Message = "The author of post {PostId} has no known Teams user id; no personal note")]
    private static partial void LogAuthorUnreachable(ILogger logger, Guid postId);
}
