using System.Globalization;
using Bot.Localization;
using Bot.Protocol.AdaptiveCards;
using Bot.Staffing;
using Bot.Teams;

namespace Bot.Posts;

/// <summary>
/// Everything a post card shows, read once: the post, the team's time zone and checklist, names for AAD ids, and who
/// reviews. Cards are pure functions of this and the reader's language.
/// </summary>
public sealed record PostCardView(
    Post Post,
    TimeZoneInfo TeamTimeZone,
    ReviewChecklist Checklist,
    IReadOnlyList<string> Reviewers,
    IReadOnlyList<string> WaitingFor,
    IReadOnlyDictionary<string, string> Names,
    IReadOnlyDictionary<int, string> SocialChannelNames,
    IReadOnlyList<string> ReviewerTeamsUserIds)
{
    /// <summary>Who the card is rendered for, when it is one person's view: the diff then starts at what they last decided on.</summary>
    public string? Viewer { get; init; }

    public string NameOf(string aadObjectId) => Names.GetValueOrDefault(aadObjectId, Pseudonyms.IsPseudonym(aadObjectId) ? Pseudonyms.Tag(aadObjectId) : aadObjectId);

    public string SocialChannelName(int id, Platform platform) => SocialChannelNames.GetValueOrDefault(id, PlatformNames.Display(platform));

    /// <summary>Whether <paramref name="aadObjectId"/> gets the buttons: a reviewer of the current revision while it is in review, never the author.</summary>
    public bool CanDecide(string? aadObjectId) =>
        Post.Status == PostStatus.InReview
        && aadObjectId is not null
        && !string.Equals(aadObjectId, Post.AuthorAadObjectId, StringComparison.OrdinalIgnoreCase)
        && Reviewers.Contains(aadObjectId, StringComparer.OrdinalIgnoreCase);
}

/// <summary>The draft form, the draft card and the approval card of a post.</summary>
public static class PostCards
{
    public const string PostIdData = "postId";
    public const string RevisionData = "revision";
    public const string TitleInput = "title";
    public const string TextInput = "text";
    public const string SocialChannelsInput = "socialChannels";
    public const string DateInput = "plannedDate";
    public const string TimeInput = "plannedTime";
    public const string TagInput = "tag";
    public const string CommentInput = "comment";
    public const string ChecklistInputPrefix = "check.";
    public const string VariantInputPrefix = "variant.";

    /// <summary>How many comments a card shows; <c>history</c> has them all.</summary>
    public const int CommentsShown = 3;

    /// <summary>Teams refreshes a user-specific view for at most this many people.</summary>
    public const int MaxRefreshUsers = 60;

    /// <summary>The form for a new post; a refused form passes <paramref name="typed"/> so it comes back as it was filled in.</summary>
    public static AdaptiveCard DraftForm(IReadOnlyList<SocialChannel> socialChannels, TimeZoneInfo zone, string? notice = null, DraftFormValues? typed = null)
    {
        List<AdaptiveElement> body = [new TextBlock(Texts.DraftFormTitle) { Size = "Large", Weight = "Bolder" }];
        if (notice is not null)
        {
            body.Add(new TextBlock(notice) { Color = "Attention" });
        }

        body.AddRange(
        [
            new InputText { Id = TitleInput, Label = Texts.DraftFormWorkingTitle, Value = typed?.Title, IsRequired = true, MaxLength = PostContent.MaxWorkingTitleLength, ErrorMessage = Texts.DraftProblemWorkingTitleMissing },
            new InputText { Id = TextInput, Label = Texts.DraftFormBaseText, Value = typed?.Text, IsMultiline = true },
            new InputChoiceSet
            {
                Id = SocialChannelsInput,
                Label = Texts.DraftFormSocialChannels,
                IsMultiSelect = true,
                Style = "expanded",
                Value = typed is { SocialChannelIds.Count: > 0 } ? string.Join(',', typed.SocialChannelIds) : null,
                Choices = [.. socialChannels.Select(c => new Choice(c.DisplayName, c.Id.ToString(CultureInfo.InvariantCulture)))],
            },
            new InputDate { Id = DateInput, Label = Texts.DraftFormPlannedDate, Value = typed?.Date },
            new InputTime { Id = TimeInput, Label = Texts.FormatDraftFormPlannedTime(zone.Id), Value = typed?.Time },
            new InputText { Id = TagInput, Label = Texts.DraftFormTag, Value = typed?.Tag, MaxLength = PostContent.MaxTagLength },
            new ActionSet { Actions = [new ActionExecute { Title = Texts.DraftFormCreate, Verb = CreatePostAction.Verb }] },
        ]);
        return new AdaptiveCard { Body = body };
    }

    /// <summary>
    /// The author's card: texts per social channel, platform checks, and Submit for review while that is possible. The
    /// title names the status ("In review: …"), and <paramref name="success"/> shows the notice as good news, not as a warning.
    /// </summary>
    public static AdaptiveCard Draft(PostCardView view, string? notice = null, bool success = false)
    {
        var post = view.Post;
        List<AdaptiveElement> body =
        [
            new TextBlock(Texts.FormatPostCardTitle(status: StatusName(post.Status), title: post.WorkingTitle)) { Size = "Large", Weight = "Bolder" },
            Facts(view),
        ];
        if (notice is not null)
        {
            body.Add(NoticeBlock(notice, success));
        }

        body.AddRange(Variants(view, withWarnings: true));
        body.AddRange(Decisions(view));
        body.AddRange(Comments(view));

        // Editing stays open under review and after approval (the edit makes a new revision that goes back to review),
        // until the post is final or partly live.
        if (!post.Status.IsFinal() && !post.IsPartlyLive)
        {
            body.Add(new ActionSet
            {
                Actions =
                [
                    .. post.Status is PostStatus.Draft or PostStatus.ChangesRequested
                        ? [new ActionExecute { Title = Texts.SubmitForReviewButton, Verb = SubmitPostAction.Verb, Style = "positive", Data = PostData(post) }]
                        : Array.Empty<AdaptiveAction>(),
                    new ActionShowCard
                    {
                        Title = Texts.EditPostButton,
                        Card = new AdaptiveCard
                        {
                            Body =
                            [
                                new InputText { Id = TitleInput, Label = Texts.DraftFormWorkingTitle, Value = post.WorkingTitle, IsRequired = true, MaxLength = PostContent.MaxWorkingTitleLength, ErrorMessage = Texts.DraftProblemWorkingTitleMissing },
                                new InputText { Id = TextInput, Label = Texts.DraftFormBaseText, Value = post.BaseText, IsMultiline = true },
                                new TextBlock(Texts.EditVariantsHint) { IsSubtle = true },
                                .. post.Variants.OrderBy(v => v.Platform).ThenBy(v => v.SocialChannelId).Select(v => new InputText
                                {
                                    Id = VariantInputPrefix + v.SocialChannelId.ToString(CultureInfo.InvariantCulture),
                                    Label = Texts.FormatEditVariantLabel(view.SocialChannelName(v.SocialChannelId, v.Platform)),
                                    Value = v.Text,
                                    IsMultiline = true,
                                }),
                                new ActionSet { Actions = [new ActionExecute { Title = Texts.SaveChangesButton, Verb = EditPostAction.Verb, Data = PostData(post) }] },
                            ],
                        },
                    },
                ],
            });
        }

        return new AdaptiveCard { Body = body };
    }

    /// <summary>
    /// The approval card in the team's channel. Everyone sees the state and the decisions; <paramref name="forReviewer"/>
    /// adds the checklist, a comment box and the three buttons. The shared version asks Teams to refresh it for the
    /// reviewers, so each of them gets the buttons without anyone else seeing them.
    /// </summary>
    public static AdaptiveCard Review(PostCardView view, bool forReviewer, string? notice = null)
    {
        var post = view.Post;
        List<AdaptiveElement> body =
        [
            new TextBlock(Texts.FormatReviewCardTitle(post.WorkingTitle)) { Size = "Large", Weight = "Bolder" },
            Facts(view),
        ];
        if (notice is not null)
        {
            body.Add(NoticeBlock(notice, success: false));
        }

        body.AddRange(Changes(view));
        body.AddRange(Variants(view, withWarnings: false));
        body.AddRange(Decisions(view));
        body.AddRange(Comments(view));
        if (post.Status == PostStatus.InReview && view.WaitingFor.Count > 0)
        {
            body.Add(new TextBlock(Texts.FormatWaitingFor(string.Join(", ", view.WaitingFor.Select(view.NameOf)))) { IsSubtle = true });
        }

        if (forReviewer && post.Status == PostStatus.InReview)
        {
            if (view.Checklist.Items.Count > 0)
            {
                body.Add(new TextBlock(Texts.ChecklistHeading) { Weight = "Bolder", Separator = true });
                body.AddRange(view.Checklist.Items.Select(item => new InputToggle { Id = ChecklistInputPrefix + item.Id, Title = item.Text, Wrap = true }));
            }

            body.Add(new InputText { Id = CommentInput, Label = Texts.ReviewCommentLabel, IsMultiline = true, MaxLength = 2000 });
            var data = PostData(post);
            body.Add(new ActionSet
            {
                Actions =
                [
                    new ActionExecute { Title = Texts.ApproveButton, Verb = ApprovePostAction.Verb, Style = "positive", Data = data },
                    new ActionExecute { Title = Texts.RequestChangesButton, Verb = RequestChangesAction.Verb, Data = data },
                    new ActionExecute { Title = Texts.RejectButton, Verb = RejectPostAction.Verb, Style = "destructive", Data = data },
                ],
            });
        }

        return new AdaptiveCard
        {
            Body = body,
            Refresh = post.Status == PostStatus.InReview && view.ReviewerTeamsUserIds.Count > 0
                ? new CardRefresh
                {
                    Action = new ActionExecute { Title = Texts.ApproveButton, Verb = RefreshPostCardAction.Verb, Data = PostData(post) },
                    UserIds = [.. view.ReviewerTeamsUserIds.Take(MaxRefreshUsers)],
                }
                : null,
        };
    }

    /// <summary>A one-line card for answers that have no post to show (unknown or foreign post id).</summary>
    public static AdaptiveCard Notice(string message) => new() { Body = [new TextBlock(message)] };

    public static string StatusName(PostStatus status) => status switch
    {
        PostStatus.Draft => Texts.PostStatusDraft,
        PostStatus.InReview => Texts.PostStatusInReview,
        PostStatus.ChangesRequested => Texts.PostStatusChangesRequested,
        PostStatus.Approved => Texts.PostStatusApproved,
        PostStatus.Scheduled => Texts.PostStatusScheduled,
        PostStatus.Published => Texts.PostStatusPublished,
        PostStatus.Rejected => Texts.PostStatusRejected,
        _ => Texts.PostStatusWithdrawn,
    };

    public static string Instant(DateTimeOffset instant, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(instant, zone);
        return Texts.FormatPostDateTime(LocalFormat.Date(DateOnly.FromDateTime(local.DateTime)), local.ToString("HH:mm", CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// "24.12.2026, 09:00 (in 2 Stunden)": for what is coming up or just happened a relative time reads faster; beyond a
    /// week the date alone says more.
    /// </summary>
    public static string InstantFromNow(DateTimeOffset instant, TimeZoneInfo zone, DateTimeOffset now) =>
        (instant - now).Duration() < TimeSpan.FromDays(7)
            ? $"{Instant(instant, zone)} ({RelativeTime.Describe(instant, now)})"
            : Instant(instant, zone);

    private static Dictionary<string, object?> PostData(Post post) => new()
    {
        [PostIdData] = post.Id.ToString("D"),
        [RevisionData] = post.CurrentRevision.ToString(CultureInfo.InvariantCulture),
    };

    private static FactSet Facts(PostCardView view)
    {
        var post = view.Post;
        List<Fact> facts =
        [
            new(Texts.PostFactStatus, StatusName(post.Status)),
            new(Texts.PostFactAuthor, view.NameOf(post.AuthorAadObjectId)),
            new(Texts.PostFactPlanned, post.PlannedPublishAt is { } planned ? Instant(planned, view.TeamTimeZone) + $" ({view.TeamTimeZone.Id})" : Texts.PostNotPlanned),
        ];
        if (post.Tags.Count > 0)
        {
            facts.Add(new(Texts.PostFactTags, string.Join(", ", post.Tags.Select(t => "#" + t))));
        }

        if (post.CurrentRevision > 0)
        {
            facts.Add(new(Texts.PostFactRevision, post.CurrentRevision.ToString(CultureInfo.InvariantCulture)));
        }

        if (view.Reviewers.Count > 0)
        {
            facts.Add(new(Texts.PostFactReviewers, string.Join(", ", view.Reviewers.Select(view.NameOf))));
        }

        return new FactSet { Facts = facts };
    }

    /// <summary>One block per social channel; <paramref name="withWarnings"/> (the author's card) gives each its own platform warnings.</summary>
    private static IEnumerable<AdaptiveElement> Variants(PostCardView view, bool withWarnings) => view.Post.Variants
        .OrderBy(v => v.Platform)
        .ThenBy(v => v.SocialChannelId)
        .Select(v => new Container
        {
            Separator = true,
            Items =
            [
                new TextBlock(view.SocialChannelName(v.SocialChannelId, v.Platform)) { Weight = "Bolder" },
                new TextBlock(v.Text.Length == 0 ? "—" : v.Text),
                .. !withWarnings
                    ? []
                    : PlatformChecks.Check(v).Select(w => new TextBlock(Warning(view, w)) { Color = w.IsBlocking ? "Attention" : "Warning", Size = "Small" }),
            ],
        });

    /// <summary>
    /// What changed since the viewer last decided (or, on the shared card and for someone new to the post, since the
    /// revision before), as a short word diff per social channel: reviewers check the change, not the whole text again.
    /// </summary>
    private static IEnumerable<AdaptiveElement> Changes(PostCardView view)
    {
        var post = view.Post;
        var since = (view.Viewer is { } viewer ? post.LastRevisionDecidedBy(viewer) : null) ?? post.CurrentRevision - 1;
        if (post.Status != PostStatus.InReview || since < 1 || since >= post.CurrentRevision)
        {
            yield break;
        }

        var changes = post.ChangesSince(since).Where(c => c.Kind != VariantChangeKind.Unchanged).ToList();
        yield return new TextBlock(Texts.FormatChangesSinceHeading(since)) { Weight = "Bolder", Separator = true };
        if (changes.Count == 0)
        {
            yield return new TextBlock(Texts.ChangesNone) { IsSubtle = true };
            yield break;
        }

        // Plain "Removed: …" and "Added: …" lines: a TextBlock has no strikethrough, and diff markup is for developers.
        foreach (var change in changes)
        {
            yield return new TextBlock(view.SocialChannelName(change.SocialChannelId, change.Platform)) { Size = "Small", Weight = "Bolder" };
            if (TextDiff.Removed(change.Diff) is { Length: > 0 } removed)
            {
                yield return new TextBlock(Texts.FormatChangeRemoved(text: Shorten(removed, 300))) { Size = "Small", Color = "Attention", Spacing = "None" };
            }

            if (TextDiff.Added(change.Diff) is { Length: > 0 } added)
            {
                yield return new TextBlock(Texts.FormatChangeAdded(text: Shorten(added, 300))) { Size = "Small", Color = "Good", Spacing = "None" };
            }
        }
    }

    // Good news in the default colour's green, a refusal in the attention colour.
    private static TextBlock NoticeBlock(string notice, bool success) => new(notice) { Color = success ? "Good" : "Attention" };

    /// <summary>The latest few comments, newest first, each with its revision.</summary>
    private static IEnumerable<AdaptiveElement> Comments(PostCardView view)
    {
        var comments = view.Post.Comments.OrderByDescending(c => c.Sequence).Take(CommentsShown).ToList();
        if (comments.Count == 0)
        {
            yield break;
        }

        yield return new TextBlock(Texts.CommentsHeading) { Weight = "Bolder", Separator = true };
        foreach (var comment in comments)
        {
            yield return new TextBlock(Texts.FormatCommentLine(view.NameOf(comment.AuthorAadObjectId), comment.Revision, Instant(comment.CreatedAt, view.TeamTimeZone), Shorten(comment.Text, 500)));
        }
    }

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + TextDiff.Ellipsis;

    private static IEnumerable<AdaptiveElement> Decisions(PostCardView view)
    {
        // The latest few decisions of the current revision and the one before, newest first: enough to see "who, what, when".
        var decisions = view.Post.Decisions.OrderByDescending(d => d.Sequence).Take(5).ToList();
        if (decisions.Count == 0)
        {
            yield break;
        }

        yield return new TextBlock(Texts.DecisionsHeading) { Weight = "Bolder", Separator = true };
        foreach (var decision in decisions)
        {
            var who = view.NameOf(decision.ReviewerAadObjectId);
            var when = Instant(decision.DecidedAt, view.TeamTimeZone);
            yield return new TextBlock(decision.Verdict switch
            {
                ReviewVerdict.Approved => decision.Comment is { Length: > 0 } said
                    ? Texts.FormatDecisionApprovedWithComment(reviewer: who, when: when, comment: Shorten(said, 500))
                    : Texts.FormatDecisionApproved(who, when),
                ReviewVerdict.ChangesRequested => Texts.FormatDecisionChangesRequested(who, when, decision.Comment ?? string.Empty),
                _ => Texts.FormatDecisionRejected(who, when, decision.Comment ?? string.Empty),
            });
        }
    }

    private static string Warning(PostCardView view, PlatformWarning warning)
    {
        var channel = view.SocialChannelName(warning.SocialChannelId, warning.Platform);
        var text = warning.Check switch
        {
            PlatformCheck.EmptyText => Texts.FormatWarningEmptyText(channel),
            PlatformCheck.TooLong => Texts.FormatWarningTooLong(channel, warning.Actual, warning.Limit),
            PlatformCheck.TooManyHashtags => Texts.FormatWarningTooManyHashtags(channel, warning.Actual, warning.Limit),
            PlatformCheck.TooManyLinks => Texts.FormatWarningTooManyLinks(channel, warning.Actual, warning.Limit),
            PlatformCheck.LinksNotClickable => Texts.FormatWarningLinksNotClickable(channel),
            _ => Texts.FormatWarningAngleBrackets(channel),
        };
        return (warning.IsBlocking ? "⛔ " : "⚠️ ") + text;
    }
}
