using Bot.Teams;

namespace Bot.Posts;

// The review: who may decide on which revision, at which level, and what a decision does to the post. The rules stay
// in the aggregate (no I/O); ReviewPolicy says who reviews, this part says what a click by one of them may change.
public sealed partial class Post
{
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
    // an old card is answered with the current one, and a decided revision names who decided it. No role check: who may
    // decide is who the policy names (ReviewPolicy.Evaluate), the same list the card's buttons, "waiting for", `pending`
    // and the reminders use. Being named is the permission: the policy's own reviewers were picked by a coordinator,
    // and the post's reviewers look after its social channels because a coordinator assigned them.
    private PostActionResult? RefuseUnlessOpenForDecision(Actor reviewer, int revision)
    {
        ArgumentNullException.ThrowIfNull(reviewer);
        if (!InTeam(reviewer))
        {
            return Refuse(PostRefusalReason.NotInTeam);
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
}
