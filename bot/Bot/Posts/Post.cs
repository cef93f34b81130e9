using Bot.Teams;

namespace Bot.Posts;

/// <summary>
/// A social media post on its way from draft to published: one topic, one text per social channel, reviewed under the
/// team's <see cref="ReviewPolicy"/>. Every rule of the review lives here: four eyes, stale revisions, the state
/// machine, the audit trail. Refused actions return a <see cref="PostActionResult"/> and leave the post untouched.
/// </summary>
/// <remarks>
/// Transitions (the author drafts, edits, submits and withdraws; reviewers decide; editors schedule and publish):
/// <code>
/// Draft ──submit──▶ InReview ──approve (policy satisfied)──▶ Approved ──schedule──▶ Scheduled ──publish (all live)──▶ Published
///                    │  ▲  └──request changes──▶ ChangesRequested ──submit──┘             │
///                    │  └──────────── edit (new revision, approvals reset) ◀──────────────┘
///                    └──reject──▶ Rejected          any state but the final ones ──withdraw──▶ Withdrawn
/// </code>
/// Revisions: the first submission makes revision 1. After that, an edit of a post under review (in review, approved,
/// scheduled) makes the next revision at once and puts it (back) in review; while changes are requested the author
/// edits freely and the next submission makes the next revision. Decisions apply to one revision only.
/// <see cref="Version"/> changes with every successful action; the database uses it as the concurrency token, so of two
/// simultaneous clicks only the first is saved and the second is re-run against the new state.
/// The decisions of the review are in Post.Review.cs, scheduling and going live in Post.Publishing.cs.
/// </remarks>
public sealed partial class Post
{
    // "Latest" always means the highest Sequence, never the last list element: the database does not promise an order.
    private readonly List<PostVariant> _variants = [];
    private readonly List<Revision> _revisions = [];
    private readonly List<ReviewDecision> _decisions = [];
    private readonly List<PostComment> _comments = [];
    private readonly List<AuditEntry> _auditTrail = [];
    private List<string> _tags = [];
    private List<string> _links = [];
    private List<string> _mediaReferences = [];
    private List<string> _reviewers = [];

    /// <summary>Starts a draft. Throws on invalid input; <see cref="Draft"/> is the refusing variant for user input.</summary>
    public Post(Actor author, PostContent content, DateTimeOffset now, DateTimeOffset? plannedPublishAt = null)
    {
        ArgumentNullException.ThrowIfNull(author);
        ArgumentNullException.ThrowIfNull(content);
        ArgumentException.ThrowIfNullOrWhiteSpace(author.AadObjectId);
        ArgumentException.ThrowIfNullOrWhiteSpace(author.TeamId);
        if (!author.Role.CanWritePosts())
        {
            throw new ArgumentException($"A {author.Role} cannot write posts.", nameof(author));
        }

        if (content.Validate() is { Count: > 0 } problems)
        {
            throw new ArgumentException($"The content is invalid: {string.Join(", ", problems)}.", nameof(content));
        }

        if (plannedPublishAt <= now)
        {
            throw new ArgumentOutOfRangeException(nameof(plannedPublishAt), "The planned publish time must lie in the future.");
        }

        var at = now.ToUniversalTime();
        Id = Guid.CreateVersion7(at);
        TeamId = author.TeamId;
        AuthorAadObjectId = author.AadObjectId;
        CreatedAt = at;
        UpdatedAt = at;
        PlannedPublishAt = plannedPublishAt?.ToUniversalTime();
        Status = PostStatus.Draft;
        WorkingTitle = string.Empty;
        BaseText = string.Empty;
        Apply(content);
        Version = 1;
        Audit(author, AuditAction.Drafted, at);
    }

    // For EF Core.
    private Post()
    {
        TeamId = string.Empty;
        AuthorAadObjectId = string.Empty;
        WorkingTitle = string.Empty;
        BaseText = string.Empty;
    }

    public Guid Id { get; private set; }

    /// <summary>The Teams team the post belongs to; nobody outside it acts on the post.</summary>
    public string TeamId { get; private set; }

    public string AuthorAadObjectId { get; private set; }
    public string WorkingTitle { get; private set; }

    /// <summary>The text variants start from; a variant with its own text no longer follows it.</summary>
    public string BaseText { get; private set; }

    public Department? Department { get; private set; }
    public IReadOnlyList<string> Tags => _tags;
    public IReadOnlyList<string> Links => _links;
    public IReadOnlyList<string> MediaReferences => _mediaReferences;

    /// <summary>Reviewers named on the draft (AAD object ids); see <see cref="PostContent.Reviewers"/>.</summary>
    public IReadOnlyList<string> Reviewers => _reviewers;

    public IReadOnlyList<PostVariant> Variants => _variants;
    public PostStatus Status { get; private set; }

    /// <summary>The revision reviewers decide on; 0 until the first submission.</summary>
    public int CurrentRevision { get; private set; }

    /// <summary>When the post should go live, in UTC (cards show it in the team's time zone).</summary>
    public DateTimeOffset? PlannedPublishAt { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>Optimistic concurrency token: +1 on every successful action.</summary>
    public int Version { get; private set; }

    public IReadOnlyList<Revision> Revisions => _revisions;
    public IReadOnlyList<ReviewDecision> Decisions => _decisions;
    public IReadOnlyList<PostComment> Comments => _comments;
    public IReadOnlyList<AuditEntry> AuditTrail => _auditTrail;

    public bool IsPartlyLive => _variants.Any(v => v.IsLive);

    /// <summary>Starts a draft from user input, refusing instead of throwing.</summary>
    public static DraftResult Draft(Actor author, PostContent content, DateTimeOffset now, DateTimeOffset? plannedPublishAt = null)
    {
        ArgumentNullException.ThrowIfNull(author);
        ArgumentNullException.ThrowIfNull(content);
        if (!author.Role.CanWritePosts())
        {
            return new(null, PostRefusalReason.RoleNotAllowed, []);
        }

        if (content.Validate() is { Count: > 0 } problems)
        {
            return new(null, PostRefusalReason.InvalidContent, problems);
        }

        if (plannedPublishAt <= now)
        {
            return new(null, PostRefusalReason.PublishTimeInPast, []);
        }

        return new(new Post(author, content, now, plannedPublishAt), null, []);
    }

    /// <param name="currentReviewers">
    /// The people responsible for the post's social channels now, when the caller looked them up: a draft may wait for
    /// days, and by the time it is submitted an owner may have changed or be away. Null keeps the reviewers named on the draft.
    /// </param>
    public PostActionResult SubmitForReview(Actor author, ReviewPolicy policy, DateTimeOffset now, IReadOnlyList<string>? currentReviewers = null)
    {
        ArgumentNullException.ThrowIfNull(policy);
        if (RefuseUnlessAuthor(author) is { } refused)
        {
            return refused;
        }

        if (Status is not (PostStatus.Draft or PostStatus.ChangesRequested))
        {
            return Refuse(PostRefusalReason.WrongState);
        }

        var reviewers = currentReviewers is null
            ? _reviewers
            : [.. currentReviewers.Where(r => !string.IsNullOrWhiteSpace(r) && !AadIds.Same(r, AuthorAadObjectId)).Select(r => r.Trim()).Distinct(AadIds.Comparer)];
        var subject = ReviewSubject.Of(this) with { NamedReviewers = reviewers };
        if (RefuseUnlessReviewable(subject, _variants.Select(v => (v.SocialChannelId, v.Platform, v.Text)), policy) is { } gate)
        {
            return gate;
        }

        _reviewers = reviewers;
        StartRevision(author, now);
        Status = PostStatus.InReview;
        return Done(author, AuditAction.SubmittedForReview, now);
    }

    /// <summary>
    /// Replaces the content. Under review (in review, approved, scheduled) this makes a new revision and puts the post
    /// in review again, with no approvals: what was approved is no longer what would be published.
    /// </summary>
    public PostActionResult Edit(Actor author, PostContent content, ReviewPolicy policy, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(policy);
        if (RefuseUnlessAuthor(author) is { } refused)
        {
            return refused;
        }

        if (Status.IsFinal())
        {
            return Refuse(PostRefusalReason.WrongState);
        }

        if (IsPartlyLive)
        {
            return Refuse(PostRefusalReason.AlreadyLive);
        }

        if (content.Validate() is { Count: > 0 } problems)
        {
            return PostActionResult.InvalidContent(this, problems);
        }

        if (HasSameContentAs(content))
        {
            return Refuse(PostRefusalReason.NothingChanged);
        }

        var underReview = Status is PostStatus.InReview or PostStatus.Approved or PostStatus.Scheduled;
        if (underReview && RefuseUnlessReviewable(
                ReviewSubject.Of(AuthorAadObjectId, content),
                content.Variants.Select(v => (v.SocialChannelId, v.Platform, content.TextOf(v))),
                policy) is { } gate)
        {
            return gate;
        }

        var before = Status;
        Apply(content);
        if (underReview)
        {
            StartRevision(author, now);
            Status = PostStatus.InReview;
        }

        return Done(author, AuditAction.Edited, now, details: before == Status ? null : $"from: {before}");
    }

    /// <summary>The author takes the post back for good. Not once any variant is live: that cannot be undone here.</summary>
    public PostActionResult Withdraw(Actor author, DateTimeOffset now, string? comment = null)
    {
        ArgumentNullException.ThrowIfNull(author);
        // No role check: an author whose role was lowered may still pull their own post back, which only makes it safer.
        if (!InTeam(author))
        {
            return Refuse(PostRefusalReason.NotInTeam);
        }

        if (!author.Is(AuthorAadObjectId))
        {
            return Refuse(PostRefusalReason.NotAuthor);
        }

        if (Status.IsFinal())
        {
            return Refuse(PostRefusalReason.WrongState);
        }

        if (IsPartlyLive)
        {
            return Refuse(PostRefusalReason.AlreadyLive);
        }

        Status = PostStatus.Withdrawn;
        return Done(author, AuditAction.Withdrawn, now, Clean(comment));
    }

    /// <summary>A remark on the current revision by anyone in the team who writes or reviews; allowed in every state.</summary>
    public PostActionResult AddComment(Actor actor, string text, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!InTeam(actor))
        {
            return Refuse(PostRefusalReason.NotInTeam);
        }

        if (!actor.Role.CanWritePosts() && !actor.Role.CanReview())
        {
            return Refuse(PostRefusalReason.RoleNotAllowed);
        }

        if (Clean(text) is not { } comment)
        {
            return Refuse(PostRefusalReason.CommentRequired);
        }

        var at = now.ToUniversalTime();
        _comments.Add(new PostComment(_comments.Count + 1, actor.AadObjectId, CurrentRevision, comment, at));
        return Done(actor, AuditAction.Commented, at, comment);
    }

    /// <summary>
    /// Erasure of a person who has left: an unfinished post of theirs goes on under <paramref name="successor"/> (the
    /// coordinator who erased them), a finished one keeps <paramref name="pseudonym"/> as its author, and where they
    /// were a named reviewer the successor takes their place, so no review waits for someone who is gone.
    /// </summary>
    public void ReplacePerson(string person, string successor, string pseudonym, DateTimeOffset now)
    {
        if (AadIds.Same(AuthorAadObjectId, person))
        {
            AuthorAadObjectId = Status.IsFinal() ? pseudonym : successor;
        }

        var replacement = Status.IsFinal() ? pseudonym : successor;
        var reviewers = _reviewers.Select(r => AadIds.Same(r, person) ? replacement : r).Distinct(AadIds.Comparer).ToList();
        reviewers.RemoveAll(r => AadIds.Same(r, AuthorAadObjectId));
        _reviewers = reviewers;
        Touch(now);
    }

    private PostActionResult? RefuseUnlessAuthor(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!InTeam(actor))
        {
            return Refuse(PostRefusalReason.NotInTeam);
        }

        if (!actor.Is(AuthorAadObjectId))
        {
            return Refuse(PostRefusalReason.NotAuthor);
        }

        return actor.Role.CanWritePosts() ? null : Refuse(PostRefusalReason.RoleNotAllowed);
    }

    private PostActionResult? RefuseUnlessWriter(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!InTeam(actor))
        {
            return Refuse(PostRefusalReason.NotInTeam);
        }

        return actor.Role.CanWritePosts() ? null : Refuse(PostRefusalReason.RoleNotAllowed);
    }

    private bool InTeam(Actor actor) => string.Equals(actor.TeamId, TeamId, StringComparison.Ordinal);

    private PostActionResult Refuse(PostRefusalReason reason) => PostActionResult.Refused(this, reason);

    private PostActionResult Done(Actor actor, AuditAction action, DateTimeOffset now, string? comment = null, string? details = null)
    {
        Audit(actor, action, now, comment, details);
        Touch(now);
        return PostActionResult.Done(this);
    }

    private void Apply(PostContent content)
    {
        WorkingTitle = content.WorkingTitle.Trim();
        BaseText = content.BaseText ?? string.Empty;
        Department = content.Department;
        _tags = [.. content.NormalizedTags()];
        _links = [.. (content.Links ?? []).Select(link => link.Trim())];
        _mediaReferences = [.. (content.MediaReferences ?? []).Select(media => media.Trim())];
        _reviewers = [.. content.DistinctReviewers()];

        // Variants are updated in place rather than replaced, so the database sees updates, not delete-and-insert.
        _variants.RemoveAll(existing => content.Variants.All(v => v.SocialChannelId != existing.SocialChannelId));
        foreach (var wanted in content.Variants)
        {
            var text = content.TextOf(wanted);
            if (_variants.FirstOrDefault(v => v.SocialChannelId == wanted.SocialChannelId) is { } existing)
            {
                existing.Update(wanted.Platform, text, wanted.OwnText is null);
            }
            else
            {
                _variants.Add(new PostVariant(wanted.SocialChannelId, wanted.Platform, text, wanted.OwnText is null));
            }
        }
    }

    private bool HasSameContentAs(PostContent content) =>
        WorkingTitle == content.WorkingTitle.Trim()
        && BaseText == (content.BaseText ?? string.Empty)
        && Department == content.Department
        && _tags.SequenceEqual(content.NormalizedTags())
        && _links.SequenceEqual((content.Links ?? []).Select(link => link.Trim()))
        && _mediaReferences.SequenceEqual((content.MediaReferences ?? []).Select(media => media.Trim()))
        && _reviewers.SequenceEqual(content.DistinctReviewers())
        && _variants.Count == content.Variants.Count
        && content.Variants.All(wanted => _variants.Any(v =>
            v.SocialChannelId == wanted.SocialChannelId
            && v.Platform == wanted.Platform
            && v.Text == content.TextOf(wanted)
            && v.FollowsBaseText == (wanted.OwnText is null)));

    private void StartRevision(Actor actor, DateTimeOffset now)
    {
        CurrentRevision++;
        _revisions.Add(new Revision(
            CurrentRevision,
            now.ToUniversalTime(),
            actor.AadObjectId,
            _variants.Select(v => new RevisionText(v.SocialChannelId, v.Platform, v.Text))));
    }

    private void Audit(Actor actor, AuditAction action, DateTimeOffset now, string? comment = null, string? details = null) =>
        _auditTrail.Add(new AuditEntry(_auditTrail.Count + 1, now.ToUniversalTime(), actor.AadObjectId, CurrentRevision, action, Status, comment, details));

    private void Touch(DateTimeOffset now)
    {
        Version++;
        UpdatedAt = now.ToUniversalTime();
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
