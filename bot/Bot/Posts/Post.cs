using System.Globalization;
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
/// </remarks>
public sealed class Post
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

    /// <summary>
    /// Approves <paramref name="revision"/> for the current level. The post becomes Approved when the policy is
    /// satisfied. The checklist confirmations go into the decision and the audit trail.
    /// </summary>
    public PostActionResult Approve(
        Actor reviewer,
        int revision,
        ReviewPolicy policy,
        IReadOnlyCollection<string> confirmedChecklistItems,
        DateTimeOffset now,
        string? comment = null)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(confirmedChecklistItems);
        if (RefuseUnlessOpenForDecision(reviewer, revision) is { } refused)
        {
            return refused;
        }

        var progress = policy.Evaluate(this);
        var level = progress.CurrentLevel ?? progress.Levels[^1];
        if (progress.CurrentLevel is null)
        {
            // The coordinator loosened the policy while the post waited: any of its reviewers may now finish the review.
            if (!progress.AllReviewers.Contains(reviewer.AadObjectId, AadIds.Comparer))
            {
                return Refuse(PostRefusalReason.NotAReviewer);
            }
        }
        else if (!level.EligibleReviewers.Contains(reviewer.AadObjectId, AadIds.Comparer))
        {
            return RefuseOutsideCurrentLevel(reviewer, progress);
        }
        else if (level.ApprovedBy.Contains(reviewer.AadObjectId, AadIds.Comparer))
        {
            return PostActionResult.AlreadyDecided(this, ApprovalsOf(level.Level.Name).Where(a => reviewer.Is(a.ReviewerAadObjectId)).MaxBy(a => a.Sequence));
        }

        if (policy.Checklist.Missing(confirmedChecklistItems) is { Count: > 0 } missing)
        {
            return PostActionResult.ChecklistIncomplete(this, missing);
        }

        var confirmed = policy.Checklist.Items.Where(item => confirmedChecklistItems.Contains(item.Id, StringComparer.OrdinalIgnoreCase)).ToList();
        Decide(reviewer, ReviewVerdict.Approved, comment, now, level.Level.Name, confirmed.Select(item => item.Id));
        var details = string.Join('\n', confirmed.Select(item => $"confirmed {item.Id}: {item.Text}").Prepend($"level: {level.Level.Name}"));
        Audit(reviewer, AuditAction.ApprovalGiven, now, Clean(comment), details);
        if (policy.Evaluate(this).IsSatisfied)
        {
            Status = PostStatus.Approved;
            Audit(reviewer, AuditAction.Approved, now);
        }

        Touch(now);
        return PostActionResult.Done(this);
    }

    public PostActionResult RequestChanges(Actor reviewer, int revision, ReviewPolicy policy, string comment, DateTimeOffset now) =>
        DecideAgainst(reviewer, revision, policy, comment, now, ReviewVerdict.ChangesRequested, PostStatus.ChangesRequested, AuditAction.ChangesRequested);

    public PostActionResult Reject(Actor reviewer, int revision, ReviewPolicy policy, string reason, DateTimeOffset now) =>
        DecideAgainst(reviewer, revision, policy, reason, now, ReviewVerdict.Rejected, PostStatus.Rejected, AuditAction.Rejected);

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

    public PostActionResult Schedule(Actor actor, DateTimeOffset publishAt, DateTimeOffset now)
    {
        if (RefuseUnlessWriter(actor) is { } refused)
        {
            return refused;
        }

        if (Status != PostStatus.Approved)
        {
            return Refuse(PostRefusalReason.WrongState);
        }

        if (publishAt <= now)
        {
            return Refuse(PostRefusalReason.PublishTimeInPast);
        }

        PlannedPublishAt = publishAt.ToUniversalTime();
        Status = PostStatus.Scheduled;
        return Done(actor, AuditAction.Scheduled, now, details: $"at: {FormatInstant(PlannedPublishAt.Value)}");
    }

    /// <summary>Sets a new planned time in any state before the end; a time is not content, so no new review.</summary>
    public PostActionResult Reschedule(Actor actor, DateTimeOffset publishAt, DateTimeOffset now)
    {
        if (RefuseUnlessWriter(actor) is { } refused)
        {
            return refused;
        }

        if (Status.IsFinal())
        {
            return Refuse(PostRefusalReason.WrongState);
        }

        if (publishAt <= now)
        {
            return Refuse(PostRefusalReason.PublishTimeInPast);
        }

        if (PlannedPublishAt == publishAt)
        {
            return Refuse(PostRefusalReason.NothingChanged);
        }

        var before = PlannedPublishAt;
        PlannedPublishAt = publishAt.ToUniversalTime();
        var details = $"at: {FormatInstant(PlannedPublishAt.Value)}" + (before is { } was ? $"\nwas: {FormatInstant(was)}" : string.Empty);
        return Done(actor, AuditAction.Rescheduled, now, details: details);
    }

    /// <summary>
    /// Records that the variant for <paramref name="socialChannelId"/> is live at <paramref name="liveUrl"/>. The post
    /// is Published when every variant is.
    /// </summary>
    public PostActionResult MarkPublished(Actor actor, int socialChannelId, string liveUrl, DateTimeOffset now)
    {
        if (RefuseUnlessWriter(actor) is { } refused)
        {
            return refused;
        }

        if (Status == PostStatus.Published)
        {
            return Refuse(PostRefusalReason.AlreadyPublished);
        }

        if (Status is not (PostStatus.Approved or PostStatus.Scheduled))
        {
            return Refuse(PostRefusalReason.WrongState);
        }

        if (_variants.FirstOrDefault(v => v.SocialChannelId == socialChannelId) is not { } variant)
        {
            return Refuse(PostRefusalReason.UnknownSocialChannel);
        }

        if (variant.IsLive)
        {
            return Refuse(PostRefusalReason.AlreadyPublished);
        }

        if (!PostContent.IsWebAddress(liveUrl))
        {
            return Refuse(PostRefusalReason.InvalidLiveUrl);
        }

        var at = now.ToUniversalTime();
        variant.MarkLive(liveUrl.Trim(), actor.AadObjectId, at);
        Audit(actor, AuditAction.VariantPublished, at, details: $"socialChannel={socialChannelId} url={variant.LiveUrl}");
        if (_variants.All(v => v.IsLive))
        {
            Status = PostStatus.Published;
            Audit(actor, AuditAction.Published, at);
        }

        Touch(at);
        return PostActionResult.Done(this);
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

    /// <summary>The last revision <paramref name="aadObjectId"/> decided on, i.e. the one they last looked at closely.</summary>
    public int? LastRevisionDecidedBy(string aadObjectId) =>
        _decisions.Where(d => AadIds.Same(d.ReviewerAadObjectId, aadObjectId)).MaxBy(d => d.Sequence)?.Revision;

    /// <summary>What changed per social channel from revision <paramref name="sinceRevision"/> to the current one.</summary>
    public IReadOnlyList<VariantChange> ChangesSince(int sinceRevision)
    {
        var current = _revisions.FirstOrDefault(r => r.Number == CurrentRevision);
        var earlier = _revisions.FirstOrDefault(r => r.Number == sinceRevision);
        if (current is null)
        {
            return [];
        }

        var changes = new List<VariantChange>();
        foreach (var text in current.Texts)
        {
            var then = earlier?.TextFor(text.SocialChannelId);
            var diff = TextDiff.Compare(then?.Text ?? string.Empty, text.Text);
            var kind = then is null ? VariantChangeKind.Added : diff.All(s => s.Kind == DiffKind.Unchanged) ? VariantChangeKind.Unchanged : VariantChangeKind.Changed;
            changes.Add(new VariantChange(text.SocialChannelId, text.Platform, kind, diff));
        }

        foreach (var gone in earlier?.Texts.Where(t => current.TextFor(t.SocialChannelId) is null) ?? [])
        {
            changes.Add(new VariantChange(gone.SocialChannelId, gone.Platform, VariantChangeKind.Removed, TextDiff.Compare(gone.Text, string.Empty)));
        }

        return changes;
    }

    private PostActionResult DecideAgainst(
        Actor reviewer,
        int revision,
        ReviewPolicy policy,
        string text,
        DateTimeOffset now,
        ReviewVerdict verdict,
        PostStatus next,
        AuditAction action)
    {
        ArgumentNullException.ThrowIfNull(policy);
        if (RefuseUnlessOpenForDecision(reviewer, revision) is { } refused)
        {
            return refused;
        }

        // Any reviewer of any level may stop a post, not only the current level's; so may a coordinator, because
        // stopping never publishes anything.
        if (reviewer.Role != TeamRole.Coordinator && !policy.Evaluate(this).AllReviewers.Contains(reviewer.AadObjectId, AadIds.Comparer))
        {
            return Refuse(PostRefusalReason.NotAReviewer);
        }

        if (Clean(text) is not { } comment)
        {
            return Refuse(PostRefusalReason.CommentRequired);
        }

        Decide(reviewer, verdict, comment, now, levelName: null, confirmedChecklistItems: []);
        Status = next;
        return Done(reviewer, action, now, comment);
    }

    // The checks every decision shares, in the order that gives the most useful answer: a foreign team learns nothing,
    // an old card is answered with the current one, and a decided revision names who decided it.
    private PostActionResult? RefuseUnlessOpenForDecision(Actor reviewer, int revision)
    {
        ArgumentNullException.ThrowIfNull(reviewer);
        if (!InTeam(reviewer))
        {
            return Refuse(PostRefusalReason.NotInTeam);
        }

        if (!reviewer.Role.CanReview())
        {
            return Refuse(PostRefusalReason.RoleNotAllowed);
        }

        if (revision != CurrentRevision)
        {
            return Refuse(PostRefusalReason.StaleRevision);
        }

        if (Status != PostStatus.InReview)
        {
            var last = _decisions.Where(d => d.Revision == CurrentRevision).MaxBy(d => d.Sequence);
            return Status is PostStatus.ChangesRequested or PostStatus.Rejected || (Status.IsApprovedOrLater() && last is not null)
                ? PostActionResult.AlreadyDecided(this, last)
                : Refuse(PostRefusalReason.WrongState);
        }

        if (reviewer.Is(AuthorAadObjectId))
        {
            return Refuse(PostRefusalReason.AuthorCannotReview);
        }

        return null;
    }

    private PostActionResult RefuseOutsideCurrentLevel(Actor reviewer, ReviewProgress progress)
    {
        var level = progress.Levels.FirstOrDefault(l => l.EligibleReviewers.Contains(reviewer.AadObjectId, AadIds.Comparer));
        if (level is null)
        {
            return Refuse(PostRefusalReason.NotAReviewer);
        }

        // The reviewer's level is done, so whoever completed it was first ("already decided by …"); otherwise it
        // comes after the current one.
        return level.IsSatisfied
            ? PostActionResult.AlreadyDecided(this, ApprovalsOf(level.Level.Name).MaxBy(a => a.Sequence))
            : Refuse(PostRefusalReason.WaitingForEarlierLevel);
    }

    private IEnumerable<ReviewDecision> ApprovalsOf(string levelName) => _decisions.Where(d =>
        d.Revision == CurrentRevision && d.Verdict == ReviewVerdict.Approved && string.Equals(d.LevelName, levelName, StringComparison.OrdinalIgnoreCase));

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

    // What must hold for a revision to go before reviewers: no platform would refuse it, and the policy can be met.
    private PostActionResult? RefuseUnlessReviewable(
        ReviewSubject subject,
        IEnumerable<(int SocialChannelId, Staffing.Platform Platform, string Text)> variants,
        ReviewPolicy policy)
    {
        var blocking = variants
            .SelectMany(v => PlatformChecks.Check(v.SocialChannelId, v.Platform, v.Text))
            .Where(w => w.IsBlocking)
            .ToList();
        if (blocking.Count > 0)
        {
            return PostActionResult.Blocked(this, blocking);
        }

        return policy.Evaluate(subject, []).CanBeSatisfied ? null : Refuse(PostRefusalReason.NotEnoughReviewers);
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

    private void Decide(Actor reviewer, ReviewVerdict verdict, string? comment, DateTimeOffset now, string? levelName, IEnumerable<string> confirmedChecklistItems) =>
        _decisions.Add(new ReviewDecision(
            _decisions.Count + 1,
            reviewer.AadObjectId,
            CurrentRevision,
            verdict,
            Clean(comment),
            now.ToUniversalTime(),
            levelName,
            confirmedChecklistItems));

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

    private void Audit(Actor actor, AuditAction action, DateTimeOffset now, string? comment = null, string? details = null) =>
        _auditTrail.Add(new AuditEntry(_auditTrail.Count + 1, now.ToUniversalTime(), actor.AadObjectId, CurrentRevision, action, Status, comment, details));

    private void Touch(DateTimeOffset now)
    {
        Version++;
        UpdatedAt = now.ToUniversalTime();
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static string FormatInstant(DateTimeOffset instant) => instant.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);
}

public enum VariantChangeKind
{
    Unchanged,
    Changed,
    Added,
    Removed,
}

/// <summary>How one social channel's text changed between two revisions, as a word diff.</summary>
public sealed record VariantChange(int SocialChannelId, Staffing.Platform Platform, VariantChangeKind Kind, IReadOnlyList<DiffSegment> Diff);
