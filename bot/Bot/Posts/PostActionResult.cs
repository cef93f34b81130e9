namespace Bot.Posts;

/// <summary>
/// Why the post refused an action. Machine-readable on purpose: the chat layer turns each reason into a friendly,
/// localised text and decides whether to show the current card instead.
/// </summary>
public enum PostRefusalReason
{
    /// <summary>The actor belongs to another team than the post (e.g. forged card data).</summary>
    NotInTeam,

    /// <summary>The actor's team role does not allow the action (a viewer reviewing, a reviewer scheduling).</summary>
    RoleNotAllowed,

    /// <summary>Only the author may do this (edit, submit, withdraw).</summary>
    NotAuthor,

    /// <summary>Four eyes: the author never reviews their own post, not even as a coordinator.</summary>
    AuthorCannotReview,

    /// <summary>The actor is not a reviewer of this post under the team's policy.</summary>
    NotAReviewer,

    /// <summary>The actor reviews at a later level; an earlier level has not approved yet.</summary>
    WaitingForEarlierLevel,

    /// <summary>The click came from a card showing an older revision; answer with the current card.</summary>
    StaleRevision,

    /// <summary>Someone (maybe the actor) already decided this revision; see <see cref="PostActionResult.EarlierDecision"/>.</summary>
    AlreadyDecided,

    /// <summary>The post's status does not allow the action (see <see cref="PostActionResult.Status"/>).</summary>
    WrongState,

    /// <summary>A change request, rejection or comment needs a text.</summary>
    CommentRequired,

    /// <summary>Approving means confirming every checklist item; see <see cref="PostActionResult.MissingChecklistItems"/>.</summary>
    ChecklistIncomplete,

    /// <summary>A platform would refuse a variant; see <see cref="PostActionResult.BlockingWarnings"/>.</summary>
    BlockedByPlatformCheck,

    /// <summary>The policy cannot be satisfied for this post: too few reviewers other than the author.</summary>
    NotEnoughReviewers,

    /// <summary>The new content has problems; see <see cref="PostActionResult.ContentProblems"/>.</summary>
    InvalidContent,

    /// <summary>The edit changes nothing, so no new revision was made.</summary>
    NothingChanged,

    /// <summary>A publish time must lie in the future.</summary>
    PublishTimeInPast,

    /// <summary>The live URL is not an absolute http(s) address.</summary>
    InvalidLiveUrl,

    /// <summary>The post has no variant for that social channel.</summary>
    UnknownSocialChannel,

    /// <summary>The variant is already live, so it cannot be published again.</summary>
    AlreadyPublished,

    /// <summary>Part of the post is already live: its content can no longer be edited or withdrawn.</summary>
    AlreadyLive,
}

/// <summary>The outcome of an action on a <see cref="Post"/>: done, or refused with a reason and the facts to explain it.</summary>
public sealed record PostActionResult
{
    private PostActionResult(PostRefusalReason? refusal, PostStatus status, int revision)
    {
        Refusal = refusal;
        Status = status;
        Revision = revision;
    }

    public PostRefusalReason? Refusal { get; }
    public bool Succeeded => Refusal is null;

    /// <summary>The post's status after the action (unchanged when refused).</summary>
    public PostStatus Status { get; }

    /// <summary>The post's current revision after the action.</summary>
    public int Revision { get; }

    /// <summary>For <see cref="PostRefusalReason.AlreadyDecided"/>: the decision that came first ("already decided by …").</summary>
    public ReviewDecision? EarlierDecision { get; private init; }

    public IReadOnlyList<PlatformWarning> BlockingWarnings { get; private init; } = [];
    public IReadOnlyList<string> MissingChecklistItems { get; private init; } = [];
    public IReadOnlyList<ContentProblem> ContentProblems { get; private init; } = [];

    internal static PostActionResult Done(Post post) => new(null, post.Status, post.CurrentRevision);

    internal static PostActionResult Refused(Post post, PostRefusalReason reason) => new(reason, post.Status, post.CurrentRevision);

    internal static PostActionResult AlreadyDecided(Post post, ReviewDecision? earlier) =>
        Refused(post, PostRefusalReason.AlreadyDecided) with { EarlierDecision = earlier };

    internal static PostActionResult Blocked(Post post, IReadOnlyList<PlatformWarning> warnings) =>
        Refused(post, PostRefusalReason.BlockedByPlatformCheck) with { BlockingWarnings = warnings };

    internal static PostActionResult ChecklistIncomplete(Post post, IReadOnlyList<string> missing) =>
        Refused(post, PostRefusalReason.ChecklistIncomplete) with { MissingChecklistItems = missing };

    internal static PostActionResult InvalidContent(Post post, IReadOnlyList<ContentProblem> problems) =>
        Refused(post, PostRefusalReason.InvalidContent) with { ContentProblems = problems };
}

/// <summary>The outcome of starting a draft: the new post, or why none was made.</summary>
public sealed record DraftResult(Post? Post, PostRefusalReason? Refusal, IReadOnlyList<ContentProblem> ContentProblems)
{
    public bool Succeeded => Post is not null;
}
