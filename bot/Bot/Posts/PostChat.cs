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

public sealed record NewPostCommand : ChatCommand;

/// <summary>
/// The review workflow in the chat: the draft form, the draft card, the approval card in the team's channel and the
/// clicks on it. Card data is read as untrusted input and handed to <see cref="PostWorkflow"/>, which decides; this
/// class only renders and delivers.
/// </summary>
public sealed partial class PostChat(
    PostWorkflow workflow,
    TeamDirectory teams,
    BotDbContext database,
    Outbox outbox,
    Notifier notifier,
    IOptions<BotOptions> options,
    TimeProvider timeProvider,
    ILogger<PostChat> logger)
{
    public async Task NewPostAsync(ITurnContext turn, Team? activityTeam, BotTexts texts, CancellationToken cancellationToken)
    {
        var team = await teams.ResolveTeamAsync(turn.Activity, activityTeam, cancellationToken);
        var actor = turn.Activity.From?.AadObjectId;
        if (team is null || actor is null)
        {
            await turn.SendActivityAsync(texts.NeedsTeam, cancellationToken);
            return;
        }

        var role = await teams.RoleOfAsync(team.TeamId, actor, cancellationToken);
        if (!role.CanWritePosts())
        {
            await turn.SendActivityAsync(texts.NotAWriter(texts.RoleName(role)), cancellationToken);
            return;
        }

        var channels = await SocialChannelsAsync(team.TeamId, cancellationToken);
        if (channels.Count == 0)
        {
            await turn.SendActivityAsync(texts.DraftFormNoSocialChannels, cancellationToken);
            return;
        }

        var card = PostCards.DraftForm(texts, channels, Zone(team));
        await turn.SendActivityAsync(MessageFactory.Attachment(card.ToAttachment()), cancellationToken);
    }

    public static bool Handles(ChatCommand command) =>
        command is MyPostsCommand or PendingCommand or ShowPostCommand or PostHistoryCommand or WithdrawPostCommand or PublishedCommand or CommentPostCommand;

    /// <summary>The typed post commands: lists, one post, withdraw, record a live URL.</summary>
    public async Task HandleAsync(ITurnContext turn, ChatCommand command, Team? activityTeam, BotTexts texts, CancellationToken cancellationToken)
    {
        var team = await teams.ResolveTeamAsync(turn.Activity, activityTeam, cancellationToken);
        var actor = turn.Activity.From?.AadObjectId;
        if (team is null || actor is null)
        {
            await turn.SendActivityAsync(texts.NeedsTeam, cancellationToken);
            return;
        }

        switch (command)
        {
            case MyPostsCommand:
                await turn.SendActivityAsync(List(texts, team, texts.MyPostsTitle, texts.MyPostsEmpty, await workflow.OpenPostsOfAsync(team.TeamId, actor, cancellationToken)), cancellationToken);
                break;
            case PendingCommand:
                await turn.SendActivityAsync(List(texts, team, texts.PendingTitle, texts.PendingEmpty, await workflow.WaitingForAsync(team.TeamId, actor, cancellationToken)), cancellationToken);
                break;
            case ShowPostCommand show:
                var found = await workflow.FindByShortIdAsync(team.TeamId, show.PostId, actor, cancellationToken);
                if (found.Post is null)
                {
                    await turn.SendActivityAsync(texts.RefusalNotFound, cancellationToken);
                    return;
                }

                // A typed "show" may land in a channel: the state for everyone, the buttons only on the refreshed approval card.
                var view = await ViewAsync(found.Post, team, cancellationToken);
                var card = !found.Post.Status.IsFinal() && AadIdsEqual(found.Post.AuthorAadObjectId, actor)
                    ? PostCards.Draft(texts, view)
                    : WithoutRefresh(PostCards.Review(texts, view, forReviewer: false));
                await turn.SendActivityAsync(MessageFactory.Attachment(card.ToAttachment()), cancellationToken);
                break;
            case PostHistoryCommand history:
                await turn.SendActivityAsync(await HistoryAsync(team, actor, history.PostId, texts, cancellationToken), cancellationToken);
                break;
            case WithdrawPostCommand withdraw:
                await turn.SendActivityAsync(await ChangeByShortIdAsync(turn, team, actor, withdraw.PostId, texts,
                    (id, ct) => workflow.WithdrawAsync(team.TeamId, id, actor, ct),
                    post => texts.PostWithdrawn(post.WorkingTitle), cancellationToken), cancellationToken);
                break;
            case CommentPostCommand comment:
                await turn.SendActivityAsync(await ChangeByShortIdAsync(turn, team, actor, comment.PostId, texts,
                    (id, ct) => workflow.CommentAsync(team.TeamId, id, actor, comment.Text, ct),
                    post => texts.CommentAdded(post.WorkingTitle), cancellationToken), cancellationToken);
                break;
            case PublishedCommand published:
                await turn.SendActivityAsync(await PublishedAsync(turn, team, actor, published, texts, cancellationToken), cancellationToken);
                break;
        }
    }

    public async Task<AdaptiveCard> CreateAsync(CardActionRequest request, CancellationToken cancellationToken)
    {
        var texts = request.Texts;
        if (await ContextOfAsync(request, cancellationToken) is not var (team, actor))
        {
            return PostCards.Notice(texts.NeedsTeam);
        }

        var channels = await SocialChannelsAsync(team.TeamId, cancellationToken);
        var zone = Zone(team);
        AdaptiveCard Form(string notice) => PostCards.DraftForm(texts, channels, zone, notice);

        var ids = new List<int>();
        foreach (var part in (request.Input(PostCards.SocialChannelsInput) ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                return Form(texts.DraftProblemInvalidSocialChannel);
            }

            ids.Add(id);
        }

        if (!TryReadPlannedTime(request, zone, out var planned))
        {
            return Form(texts.DraftProblemInvalidTime);
        }

        var result = await workflow.CreateDraftAsync(
            team,
            actor,
            new DraftRequest(request.Input(PostCards.TitleInput) ?? string.Empty, request.Input(PostCards.TextInput) ?? string.Empty, ids, planned, request.Input(PostCards.TagInput)),
            cancellationToken);
        if (result.Post is null)
        {
            return Form(result.Refusal switch
            {
                PostRefusalReason.RoleNotAllowed => texts.NotAWriter(texts.RoleName(await teams.RoleOfAsync(team.TeamId, actor, cancellationToken))),
                PostRefusalReason.PublishTimeInPast => texts.DraftProblemTimeInPast,
                _ => ContentProblemText(texts, result.ContentProblems?.FirstOrDefault()),
            });
        }

        return PostCards.Draft(texts, await ViewAsync(result.Post, team, cancellationToken));
    }

    public async Task<AdaptiveCard> SubmitAsync(CardActionRequest request, CancellationToken cancellationToken)
    {
        var texts = request.Texts;
        if (await ContextOfAsync(request, cancellationToken) is not var (team, actor) || !TryReadPostId(request, out var postId))
        {
            return PostCards.Notice(texts.RefusalNotFound);
        }

        var result = await workflow.SubmitAsync(team.TeamId, postId, actor, cancellationToken);
        if (result.Post is null)
        {
            return PostCards.Notice(texts.RefusalNotFound);
        }

        var view = await ViewAsync(result.Post, team, cancellationToken);
        if (!result.Succeeded)
        {
            return PostCards.Draft(texts, view, RefusalText(texts, result, view));
        }

        await ShowInTeamChannelAsync(team, view, request.Turn.Activity.ServiceUrl!, cancellationToken);
        return PostCards.Draft(texts, view, texts.SubmittedForReview);
    }

    /// <summary>The draft card's Edit: a new title or base text; under review the post gets a new revision and the shared card follows.</summary>
    public async Task<AdaptiveCard> EditAsync(CardActionRequest request, CancellationToken cancellationToken)
    {
        var texts = request.Texts;
        if (await ContextOfAsync(request, cancellationToken) is not var (team, actor) || !TryReadPostId(request, out var postId))
        {
            return PostCards.Notice(texts.RefusalNotFound);
        }

        var variantTexts = new Dictionary<int, string>();
        if (request.Data is { ValueKind: System.Text.Json.JsonValueKind.Object } data)
        {
            foreach (var property in data.EnumerateObject())
            {
                if (property.Name.StartsWith(PostCards.VariantInputPrefix, StringComparison.Ordinal)
                    && int.TryParse(property.Name.AsSpan(PostCards.VariantInputPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var socialChannelId)
                    && property.Value.ValueKind == System.Text.Json.JsonValueKind.String)
                {
                    variantTexts[socialChannelId] = property.Value.GetString()!;
                }
            }
        }

        var result = await workflow.EditAsync(
            team.TeamId, postId, actor, request.Input(PostCards.TitleInput) ?? string.Empty, request.Input(PostCards.TextInput) ?? string.Empty, variantTexts, cancellationToken);
        if (result.Post is null)
        {
            return PostCards.Notice(texts.RefusalNotFound);
        }

        var view = await ViewAsync(result.Post, team, cancellationToken);
        if (!result.Succeeded)
        {
            var notice = result.Refusal == PostRefusalReason.InvalidContent
                ? ContentProblemText(texts, result.Action?.ContentProblems.FirstOrDefault())
                : RefusalText(texts, result, view);
            return PostCards.Draft(texts, view, notice);
        }

        await ShowInTeamChannelAsync(team, view, request.Turn.Activity.ServiceUrl!, onlyIfPosted: true, cancellationToken);
        return PostCards.Draft(texts, view, texts.PostSaved);
    }

    public async Task<AdaptiveCard> DecideAsync(CardActionRequest request, Posts.ReviewVerdict verdict, CancellationToken cancellationToken)
    {
        var texts = request.Texts;
        if (await ContextOfAsync(request, cancellationToken) is not var (team, actor) || !TryReadPostId(request, out var postId))
        {
            return PostCards.Notice(texts.RefusalNotFound);
        }

        // A missing or unreadable revision counts as revision 0, which the post refuses as stale: the clicker then
        // gets the current card, never a decision on a text they did not see.
        _ = int.TryParse(request.Input(PostCards.RevisionData), NumberStyles.None, CultureInfo.InvariantCulture, out var revision);
        var comment = request.Input(PostCards.CommentInput);
        var result = verdict switch
        {
            Posts.ReviewVerdict.Approved => await workflow.ApproveAsync(
                team.TeamId, postId, actor, revision, await ConfirmedChecklistItemsAsync(request, team.TeamId, cancellationToken), comment, cancellationToken),
            Posts.ReviewVerdict.ChangesRequested => await workflow.RequestChangesAsync(team.TeamId, postId, actor, revision, comment ?? string.Empty, cancellationToken),
            _ => await workflow.RejectAsync(team.TeamId, postId, actor, revision, comment ?? string.Empty, cancellationToken),
        };
        if (result.Post is null)
        {
            return PostCards.Notice(texts.RefusalNotFound);
        }

        var view = await ViewAsync(result.Post, team, cancellationToken) with { Viewer = actor };
        if (!result.Succeeded)
        {
            // Teams sometimes redelivers a click under a new activity id: the same person's same verdict on the same
            // revision is already on record, so the repeat just gets the current card, as the first click did.
            var repeat = result.Post.Decisions.Any(d => d.Revision == revision && d.Verdict == verdict && AadIdsEqual(d.ReviewerAadObjectId, actor));
            return PostCards.Review(texts, view, view.CanDecide(actor), repeat ? null : RefusalText(texts, result, view));
        }

        var serviceUrl = request.Turn.Activity.ServiceUrl!;
        await ShowInTeamChannelAsync(team, view, serviceUrl, cancellationToken);
        await TellAuthorAsync(team, view, actor, verdict, comment, request.Turn.Activity.Recipient!, serviceUrl, cancellationToken);
        return PostCards.Review(texts, view, view.CanDecide(actor));
    }

    /// <summary>Teams asks for the card a user should see (refresh): reviewers get the buttons, everyone else the state.</summary>
    public async Task<AdaptiveCard> RefreshAsync(CardActionRequest request, CancellationToken cancellationToken)
    {
        var texts = request.Texts;
        if (await ContextOfAsync(request, cancellationToken) is not var (team, actor) || !TryReadPostId(request, out var postId))
        {
            return PostCards.Notice(texts.RefusalNotFound);
        }

        var result = await workflow.FindAsync(team.TeamId, postId, actor, cancellationToken);
        if (result.Post is null)
        {
            return PostCards.Notice(texts.RefusalNotFound);
        }

        var view = await ViewAsync(result.Post, team, cancellationToken) with { Viewer = actor };
        return PostCards.Review(texts, view, view.CanDecide(actor));
    }

    /// <summary>The audit trail as the team may read it: every transition and decision, oldest first, with comments.</summary>
    private async Task<string> HistoryAsync(Team team, string actor, string shortId, BotTexts texts, CancellationToken cancellationToken)
    {
        var found = await workflow.FindByShortIdAsync(team.TeamId, shortId, actor, cancellationToken);
        if (found.Post is null)
        {
            return texts.RefusalNotFound;
        }

        var view = await ViewAsync(found.Post, team, cancellationToken);
        var lines = found.Post.AuditTrail.OrderBy(e => e.Sequence).Select(e =>
        {
            var line = "- " + texts.HistoryLine(PostCards.Instant(texts, e.At, view.TeamTimeZone), view.NameOf(e.ActorAadObjectId), texts.AuditActionName(e.Action), e.Revision);
            return e.Comment is { Length: > 0 } comment ? $"{line}: {comment}" : line;
        });
        return $"**{texts.HistoryTitle(found.Post.WorkingTitle)}**\n\n{string.Join("\n", lines)}";
    }

    private async Task<string> PublishedAsync(ITurnContext turn, Team team, string actor, PublishedCommand published, BotTexts texts, CancellationToken cancellationToken)
    {
        var found = await workflow.FindByShortIdAsync(team.TeamId, published.PostId, actor, cancellationToken);
        if (found.Post is null)
        {
            return texts.RefusalNotFound;
        }

        var candidates = found.Post.Variants.Where(v => !v.IsLive && (published.Platform is null || v.Platform == published.Platform)).ToList();
        if (candidates.Count != 1)
        {
            var view = await ViewAsync(found.Post, team, cancellationToken);
            return candidates.Count == 0
                ? texts.RefusalUnknownSocialChannel
                : texts.PublishedWhichChannel(string.Join(", ", candidates.Select(v => view.SocialChannelName(v.SocialChannelId, v.Platform))));
        }

        var variant = candidates[0];
        return await ChangeByShortIdAsync(turn, team, actor, published.PostId, texts,
            (id, ct) => workflow.MarkPublishedAsync(team.TeamId, id, actor, variant.SocialChannelId, published.LiveUrl, ct),
            post => texts.PostPublishedRecorded(PlatformName(post, variant.SocialChannelId), PostCards.StatusName(texts, post.Status)),
            cancellationToken);
    }

    private async Task<string> ChangeByShortIdAsync(
        ITurnContext turn,
        Team team,
        string actor,
        string shortId,
        BotTexts texts,
        Func<Guid, CancellationToken, Task<PostWorkflowResult>> change,
        Func<Post, string> done,
        CancellationToken cancellationToken)
    {
        var found = await workflow.FindByShortIdAsync(team.TeamId, shortId, actor, cancellationToken);
        if (found.Post is null)
        {
            return texts.RefusalNotFound;
        }

        var result = await change(found.Post.Id, cancellationToken);
        if (result.Post is null)
        {
            return texts.RefusalNotFound;
        }

        var view = await ViewAsync(result.Post, team, cancellationToken);
        if (!result.Succeeded)
        {
            return RefusalText(texts, result, view);
        }

        await ShowInTeamChannelAsync(team, view, turn.Activity.ServiceUrl!, onlyIfPosted: true, cancellationToken);
        return done(result.Post);
    }

    private string List(BotTexts texts, Team team, string title, string empty, IReadOnlyList<Post> posts)
    {
        if (posts.Count == 0)
        {
            return empty;
        }

        var zone = Zone(team);
        var now = timeProvider.GetUtcNow();
        var lines = posts.Select(p => "- " + texts.PostLine(
            PostWorkflow.ShortId(p.Id),
            p.WorkingTitle,
            PostCards.StatusName(texts, p.Status),
            p.PlannedPublishAt is { } planned ? PostCards.InstantFromNow(texts, planned, zone, now) : texts.PostNotPlanned));
        return $"**{title}**\n\n{string.Join("\n", lines)}";
    }

    private static string PlatformName(Post post, int socialChannelId) =>
        post.Variants.FirstOrDefault(v => v.SocialChannelId == socialChannelId) is { } v ? Staffing.PlatformNames.Display(v.Platform) : string.Empty;

    private static bool AadIdsEqual(string left, string right) => string.Equals(left, right, StringComparison.OrdinalIgnoreCase);

    private static AdaptiveCard WithoutRefresh(AdaptiveCard card) => new() { Body = card.Body, Actions = card.Actions };

    private async Task<(Team Team, string Actor)?> ContextOfAsync(CardActionRequest request, CancellationToken cancellationToken)
    {
        var team = await teams.ResolveTeamAsync(request.Turn.Activity, request.Team, cancellationToken);
        var actor = request.Turn.Activity.From?.AadObjectId;
        return team is null || actor is null ? null : (team, actor);
    }

    private async Task<IReadOnlyList<string>> ConfirmedChecklistItemsAsync(CardActionRequest request, string teamId, CancellationToken cancellationToken)
    {
        var policy = await workflow.PolicyOfAsync(teamId, cancellationToken);
        return [.. policy.Checklist.Items
            .Where(item => string.Equals(request.Input(PostCards.ChecklistInputPrefix + item.Id), "true", StringComparison.OrdinalIgnoreCase))
            .Select(item => item.Id)];
    }

    /// <summary>Posts the approval card to the team's channel the first time, and updates that same message after.</summary>
    private Task ShowInTeamChannelAsync(Team team, PostCardView view, string serviceUrl, CancellationToken cancellationToken) =>
        ShowInTeamChannelAsync(team, view, serviceUrl, onlyIfPosted: false, cancellationToken);

    private async Task ShowInTeamChannelAsync(Team team, PostCardView view, string serviceUrl, bool onlyIfPosted, CancellationToken cancellationToken)
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
        var activity = MessageFactory.Attachment(PostCards.Review(TeamTexts(team), view with { Viewer = null }, forReviewer: false).ToAttachment());
        outbox.ToConversation(OutboundKinds.ApprovalCard, team.TeamId, team.TenantId, serviceUrl, team.HomeTeamsChannelId ?? team.TeamId, activity, slot);
        await database.SaveChangesAsync(cancellationToken);
        LogApprovalCardQueued(logger, view.Post.Id);
    }

    private async Task TellAuthorAsync(Team team, PostCardView view, string decider, Posts.ReviewVerdict verdict, string? comment, Protocol.Schema.ChannelAccount bot, string serviceUrl, CancellationToken cancellationToken)
    {
        var post = view.Post;
        // An approval that only completes one level is not yet the verdict.
        if (verdict == Posts.ReviewVerdict.Approved && post.Status != PostStatus.Approved)
        {
            return;
        }

        var author = await database.People.AsNoTracking().SingleOrDefaultAsync(p => p.AadObjectId == post.AuthorAadObjectId, cancellationToken);
        if (author?.TeamsUserId is not { Length: > 0 } userId)
        {
            LogAuthorUnreachable(logger, post.Id);
            return;
        }

        var name = view.NameOf(decider);
        await notifier.SendToPersonAsync(
            OutboundKinds.AuthorNote,
            team,
            new TeamMember(author.AadObjectId, userId, author.Name ?? string.Empty),
            bot,
            serviceUrl,
            texts => MessageFactory.Text(verdict switch
            {
                Posts.ReviewVerdict.Approved => texts.AuthorNoteApproved(post.WorkingTitle, name),
                Posts.ReviewVerdict.ChangesRequested => texts.AuthorNoteChangesRequested(post.WorkingTitle, name, comment ?? string.Empty, PostWorkflow.ShortId(post.Id)),
                _ => texts.AuthorNoteRejected(post.WorkingTitle, name, comment ?? string.Empty),
            }),
            cancellationToken);
    }

    private async Task<PostCardView> ViewAsync(Post post, Team team, CancellationToken cancellationToken)
    {
        var policy = await workflow.PolicyOfAsync(team.TeamId, cancellationToken);
        var progress = policy.Evaluate(post);
        var reviewers = progress.AllReviewers.ToList();
        var ids = reviewers.Append(post.AuthorAadObjectId).Concat(post.AuditTrail.Select(e => e.ActorAadObjectId)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var people = await database.People.AsNoTracking().Where(p => ids.Contains(p.AadObjectId)).ToListAsync(cancellationToken);
        var channelIds = post.Variants.Select(v => v.SocialChannelId).ToList();
        var channels = await database.SocialChannels.AsNoTracking().Where(c => c.TeamId == team.TeamId && channelIds.Contains(c.Id)).ToListAsync(cancellationToken);
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

    private Task<List<Staffing.SocialChannel>> SocialChannelsAsync(string teamId, CancellationToken cancellationToken) =>
        database.SocialChannels.AsNoTracking()
            .Where(c => c.TeamId == teamId && !c.IsArchived)
            .OrderBy(c => c.Platform)
            .ThenBy(c => c.Handle)
            .ToListAsync(cancellationToken);

    private BotTexts TeamTexts(Team team) => new(BotLanguage.FromLocale(team.Language ?? options.Value.DefaultLanguage));

    private static TimeZoneInfo Zone(Team team) => TimeZoneInfo.FindSystemTimeZoneById(team.TimeZoneId);

    private static bool TryReadPostId(CardActionRequest request, out Guid postId) =>
        Guid.TryParseExact(request.Input(PostCards.PostIdData), "D", out postId);

    /// <summary>Date and time in the team's zone, both or neither; a time that does not exist there (DST gap) is invalid.</summary>
    private static bool TryReadPlannedTime(CardActionRequest request, TimeZoneInfo zone, out DateTimeOffset? planned)
    {
        planned = null;
        var date = request.Input(PostCards.DateInput);
        var time = request.Input(PostCards.TimeInput);
        if (string.IsNullOrWhiteSpace(date) && string.IsNullOrWhiteSpace(time))
        {
            return true;
        }

        if (!DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            || !TimeOnly.TryParseExact(time, ["HH:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var clock))
        {
            return false;
        }

        var local = day.ToDateTime(clock, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local))
        {
            return false;
        }

        planned = new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
        return true;
    }

    private static string ContentProblemText(BotTexts texts, ContentProblem? problem) => problem switch
    {
        ContentProblem.WorkingTitleMissing => texts.DraftProblemWorkingTitleMissing,
        ContentProblem.WorkingTitleTooLong => texts.DraftProblemWorkingTitleTooLong,
        ContentProblem.NoVariants => texts.DraftProblemNoVariants,
        ContentProblem.InvalidSocialChannel or ContentProblem.DuplicateSocialChannel => texts.DraftProblemInvalidSocialChannel,
        ContentProblem.InvalidTag => texts.DraftProblemInvalidTag,
        _ => texts.DraftProblemOther,
    };

    private static string RefusalText(BotTexts texts, PostWorkflowResult result, PostCardView view) => result.Refusal switch
    {
        PostRefusalReason.AuthorCannotReview => texts.RefusalAuthorCannotReview,
        PostRefusalReason.NotAReviewer => texts.RefusalNotAReviewer,
        PostRefusalReason.RoleNotAllowed => texts.RefusalRoleNotAllowed(texts.RoleName(result.ActorRole ?? Teams.TeamRole.Viewer)),
        PostRefusalReason.NotAuthor => texts.RefusalNotAuthor,
        PostRefusalReason.WaitingForEarlierLevel => texts.RefusalWaitingForEarlierLevel,
        PostRefusalReason.StaleRevision => texts.RefusalStaleRevision,
        PostRefusalReason.AlreadyDecided => result.Action?.EarlierDecision is { } earlier
            ? texts.RefusalAlreadyDecided(view.NameOf(earlier.ReviewerAadObjectId))
            : texts.RefusalAlreadyDecidedNoName,
        PostRefusalReason.WrongState => texts.RefusalWrongState(PostCards.StatusName(texts, view.Post.Status)),
        PostRefusalReason.CommentRequired => texts.RefusalCommentRequired,
        PostRefusalReason.ChecklistIncomplete => texts.RefusalChecklistIncomplete(string.Join(", ", view.Checklist.Items
            .Where(i => result.Action?.MissingChecklistItems.Contains(i.Id, StringComparer.OrdinalIgnoreCase) == true)
            .Select(i => i.Text))),
        PostRefusalReason.BlockedByPlatformCheck => texts.RefusalBlocked,
        PostRefusalReason.NotEnoughReviewers => texts.RefusalNotEnoughReviewers,
        PostRefusalReason.NothingChanged => texts.RefusalNothingChanged,
        PostRefusalReason.InvalidLiveUrl => texts.RefusalInvalidLiveUrl,
        PostRefusalReason.AlreadyPublished => texts.RefusalAlreadyPublished,
        PostRefusalReason.AlreadyLive => texts.RefusalAlreadyLive,
        PostRefusalReason.UnknownSocialChannel => texts.RefusalUnknownSocialChannel,
        _ => texts.RefusalOther,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Approval card of post {PostId} queued for the team's channel")]
    private static partial void LogApprovalCardQueued(ILogger logger, Guid postId);

    [LoggerMessage(Level = LogLevel.Information, Message = "The author of post {PostId} has no known Teams user id; no personal note")]
    private static partial void LogAuthorUnreachable(ILogger logger, Guid postId);
}
