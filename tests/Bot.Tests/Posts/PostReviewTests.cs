using Bot.Posts;
using Bot.Teams;
using static Bot.Tests.Posts.TestTeam;

namespace Bot.Tests.Posts;

/// <summary>Who may decide, on what, and when: four eyes, team and role, stale cards, checklists, double clicks.</summary>
public sealed class PostReviewTests
{
    [Fact]
    public void Approve_by_author_is_refused()
    {
        var post = InReview(content: Content(Anna.AadObjectId, Author.AadObjectId));

        post.Approve(Author, post.CurrentRevision, ReviewPolicy.Default, [], Now).ShouldBeRefused(PostRefusalReason.AuthorCannotReview);

        Assert.Equal(PostStatus.InReview, post.Status);
        Assert.Empty(post.Decisions);
    }

    [Fact]
    public void Approve_by_author_is_refused_even_for_a_coordinator_on_every_level()
    {
        var policy = new ReviewPolicy([new ReviewLevel("manager", ApprovalRule.Any, [Coordinator.AadObjectId, Manager.AadObjectId])]);
        var post = InReview(policy, author: Coordinator);

        post.Approve(Coordinator, post.CurrentRevision, policy, [], Now).ShouldBeRefused(PostRefusalReason.AuthorCannotReview);
        Assert.DoesNotContain(Coordinator.AadObjectId, policy.Evaluate(post).MayApproveNow);

        post.Approve(Manager, post.CurrentRevision, policy, [], Now).ShouldSucceed();
        Assert.Equal(PostStatus.Approved, post.Status);
    }

    [Theory]
    [InlineData(PostAction.RequestChanges)]
    [InlineData(PostAction.Reject)]
    public void The_author_does_not_decide_against_their_own_post_either(PostAction action)
    {
        var post = InReview(content: Content(Anna.AadObjectId, Author.AadObjectId));

        var result = action == PostAction.Reject
            ? post.Reject(Author, post.CurrentRevision, ReviewPolicy.Default, "Doch nicht.", Now)
            : post.RequestChanges(Author, post.CurrentRevision, ReviewPolicy.Default, "Ich ändere noch was.", Now);

        result.ShouldBeRefused(PostRefusalReason.AuthorCannotReview);
    }

    [Fact]
    public void Under_all_reviewers_the_author_is_not_counted_among_them()
    {
        var policy = new ReviewPolicy([new ReviewLevel("team", ApprovalRule.All, [Author.AadObjectId, Anna.AadObjectId, Ben.AadObjectId])]);
        var post = InReview(policy);

        Assert.Equal([Anna.AadObjectId, Ben.AadObjectId], policy.Evaluate(post).MayApproveNow);
        post.Approve(Anna, post.CurrentRevision, policy, [], Now).ShouldSucceed();
        post.Approve(Ben, post.CurrentRevision, policy, [], Now).ShouldSucceed();
        Assert.Equal(PostStatus.Approved, post.Status);
    }

    [Fact]
    public void A_post_whose_only_reviewer_is_its_author_cannot_be_submitted()
    {
        var post = Draft(Content(Author.AadObjectId));

        post.SubmitForReview(Author, ReviewPolicy.Default, Now).ShouldBeRefused(PostRefusalReason.NotEnoughReviewers);
        Assert.Equal(PostStatus.Draft, post.Status);
    }

    [Fact]
    public void A_post_without_reviewers_cannot_be_submitted_under_the_default_policy()
    {
        Draft(Content()).SubmitForReview(Author, ReviewPolicy.Default, Now).ShouldBeRefused(PostRefusalReason.NotEnoughReviewers);
    }

    [Fact]
    public void A_click_from_another_team_is_refused_whatever_the_card_says()
    {
        var post = InReview();

        post.Approve(AnnaFromOtherTeam, post.CurrentRevision, ReviewPolicy.Default, [], Now).ShouldBeRefused(PostRefusalReason.NotInTeam);
        post.Reject(AnnaFromOtherTeam, post.CurrentRevision, ReviewPolicy.Default, "x", Now).ShouldBeRefused(PostRefusalReason.NotInTeam);
        post.AddComment(AnnaFromOtherTeam, "x", Now).ShouldBeRefused(PostRefusalReason.NotInTeam);
        post.Schedule(AnnaFromOtherTeam, Now.AddDays(1), Now).ShouldBeRefused(PostRefusalReason.NotInTeam);
        Assert.Empty(post.Decisions);
    }

    [Fact]
    public void The_author_acting_from_another_team_is_refused()
    {
        var post = Draft();
        var authorElsewhere = Author with { TeamId = OtherId };

        post.SubmitForReview(authorElsewhere, ReviewPolicy.Default, Now).ShouldBeRefused(PostRefusalReason.NotInTeam);
        post.Withdraw(authorElsewhere, Now).ShouldBeRefused(PostRefusalReason.NotInTeam);
    }

    // Issue 18: the review named her (she looks after the social channel), so the card asked her; she may decide.
    [Fact]
    public void A_viewer_named_as_reviewer_may_approve_because_being_named_is_the_permission()
    {
        var post = InReview(content: Content(Viewer.AadObjectId, Anna.AadObjectId));

        post.Approve(Viewer, post.CurrentRevision, ReviewPolicy.Default, [], Now).ShouldSucceed();
        Assert.Equal(PostStatus.Approved, post.Status);
    }

    [Fact]
    public void A_viewer_the_review_does_not_name_cannot_decide()
    {
        var post = InReview();

        post.Approve(Viewer, post.CurrentRevision, ReviewPolicy.Default, [], Now).ShouldBeRefused(PostRefusalReason.NotAReviewer);
        post.Reject(Viewer, post.CurrentRevision, ReviewPolicy.Default, "Nein.", Now).ShouldBeRefused(PostRefusalReason.NotAReviewer);
    }

    [Fact]
    public void A_team_member_who_is_not_a_reviewer_of_the_post_cannot_approve()
    {
        var post = InReview();

        post.Approve(Outsider, post.CurrentRevision, ReviewPolicy.Default, [], Now).ShouldBeRefused(PostRefusalReason.NotAReviewer);
        post.RequestChanges(Outsider, post.CurrentRevision, ReviewPolicy.Default, "Hm.", Now).ShouldBeRefused(PostRefusalReason.NotAReviewer);
    }

    [Fact]
    public void A_coordinator_outside_the_policy_may_stop_a_post_but_not_approve_it()
    {
        var post = InReview();

        post.Approve(Coordinator, post.CurrentRevision, ReviewPolicy.Default, [], Now).ShouldBeRefused(PostRefusalReason.NotAReviewer);
        post.Reject(Coordinator, post.CurrentRevision, ReviewPolicy.Default, "Krisenlage, heute nichts posten.", Now).ShouldSucceed();
        Assert.Equal(PostStatus.Rejected, post.Status);
    }

    [Fact]
    public void Only_the_author_edits_submits_and_withdraws_not_even_a_coordinator()
    {
        var post = Draft();

        post.Edit(Coordinator, DefaultContent with { WorkingTitle = "Anders" }, ReviewPolicy.Default, Now).ShouldBeRefused(PostRefusalReason.NotAuthor);
        post.SubmitForReview(Coordinator, ReviewPolicy.Default, Now).ShouldBeRefused(PostRefusalReason.NotAuthor);
        post.Withdraw(Coordinator, Now).ShouldBeRefused(PostRefusalReason.NotAuthor);
    }

    [Fact]
    public void A_reviewer_role_cannot_schedule_or_publish()
    {
        var post = InState(PostStatus.Approved);

        post.Schedule(Anna, Now.AddDays(1), Now).ShouldBeRefused(PostRefusalReason.RoleNotAllowed);
        post.MarkPublished(Anna, 1, "https://facebook.com/contoso/posts/1", Now).ShouldBeRefused(PostRefusalReason.RoleNotAllowed);
    }

    [Fact]
    public void Whoever_looks_after_the_social_channel_may_record_it_published_whatever_their_role()
    {
        var post = InState(PostStatus.Approved);

        post.MarkPublished(Anna, 1, "https://facebook.com/contoso/posts/1", Now, lookingAfter: ["someone-else"]).ShouldBeRefused(PostRefusalReason.RoleNotAllowed);
        post.MarkPublished(Viewer with { TeamId = OtherId }, 1, "https://facebook.com/contoso/posts/1", Now, lookingAfter: [Viewer.AadObjectId]).ShouldBeRefused(PostRefusalReason.NotInTeam);
        post.MarkPublished(Anna, 1, "https://facebook.com/contoso/posts/1", Now, lookingAfter: [Anna.AadObjectId.ToUpperInvariant()]).ShouldSucceed();
    }

    [Fact]
    public void A_viewer_cannot_comment_but_a_reviewer_can()
    {
        var post = InReview();

        post.AddComment(Viewer, "Schön!", Now).ShouldBeRefused(PostRefusalReason.RoleNotAllowed);
        post.AddComment(Anna, "Schön!", Now).ShouldSucceed();

        var comment = Assert.Single(post.Comments);
        Assert.Equal((Anna.AadObjectId, 1, "Schön!"), (comment.AuthorAadObjectId, comment.Revision, comment.Text));
    }

    [Fact]
    public void A_click_on_an_old_card_does_not_touch_the_newer_revision()
    {
        var post = InReview();
        post.Edit(Author, DefaultContent with { BaseText = "Neuer Text." }, ReviewPolicy.Default, Now).ShouldSucceed();
        var version = post.Version;

        var result = post.Approve(Anna, 1, ReviewPolicy.Default, [], Now);

        result.ShouldBeRefused(PostRefusalReason.StaleRevision);
        Assert.Equal(2, result.Revision);
        Assert.Equal(PostStatus.InReview, post.Status);
        Assert.Equal(version, post.Version);
        post.RequestChanges(Anna, 1, ReviewPolicy.Default, "x", Now).ShouldBeRefused(PostRefusalReason.StaleRevision);
        post.Reject(Anna, 3, ReviewPolicy.Default, "x", Now).ShouldBeRefused(PostRefusalReason.StaleRevision);
    }

    [Fact]
    public void A_double_click_approves_once_and_the_second_click_is_told_who_decided()
    {
        var policy = new ReviewPolicy([new ReviewLevel("team", ApprovalRule.NOfM(2), [Anna.AadObjectId, Ben.AadObjectId, Cleo.AadObjectId])]);
        var post = InReview(policy);

        post.Approve(Anna, 1, policy, [], Now).ShouldSucceed();
        var second = post.Approve(Anna, 1, policy, [], Now);

        second.ShouldBeRefused(PostRefusalReason.AlreadyDecided);
        Assert.Equal(Anna.AadObjectId, second.EarlierDecision?.ReviewerAadObjectId);
        Assert.Single(post.Decisions);
        Assert.Equal(PostStatus.InReview, post.Status);
    }

    [Fact]
    public void Two_reviewers_at_once_under_any_one_approval_the_second_is_told_who_was_first()
    {
        var post = InReview(content: Content(Anna.AadObjectId, Ben.AadObjectId));

        post.Approve(Anna, 1, ReviewPolicy.Default, [], Now).ShouldSucceed();
        var late = post.Approve(Ben, 1, ReviewPolicy.Default, [], Now);

        late.ShouldBeRefused(PostRefusalReason.AlreadyDecided);
        Assert.Equal(Anna.AadObjectId, late.EarlierDecision?.ReviewerAadObjectId);
        Assert.Single(post.Decisions);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Requesting_changes_needs_a_comment(string comment)
    {
        var post = InReview();

        post.RequestChanges(Anna, 1, ReviewPolicy.Default, comment, Now).ShouldBeRefused(PostRefusalReason.CommentRequired);
        post.RequestChanges(Anna, 1, ReviewPolicy.Default, "  Bitte ohne Prozentzeichen.  ", Now).ShouldSucceed();

        Assert.Equal("Bitte ohne Prozentzeichen.", Assert.Single(post.Decisions).Comment);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n")]
    public void Rejecting_needs_a_reason(string reason)
    {
        var post = InReview();

        post.Reject(Anna, 1, ReviewPolicy.Default, reason, Now).ShouldBeRefused(PostRefusalReason.CommentRequired);
        Assert.Equal(PostStatus.InReview, post.Status);
    }

    [Fact]
    public void Approving_means_confirming_every_checklist_item()
    {
        var policy = new ReviewPolicy([ReviewLevel.OneOfThePostsReviewers], checklist: Checklist);
        var post = InReview(policy);

        var incomplete = post.Approve(Anna, 1, policy, ["facts-checked", "something-old"], Now);

        incomplete.ShouldBeRefused(PostRefusalReason.ChecklistIncomplete);
        Assert.Equal(["nothing-confidential", "image-rights"], incomplete.MissingChecklistItems);
        Assert.Equal(PostStatus.InReview, post.Status);
    }

    [Fact]
    public void The_confirmations_go_into_the_decision_and_the_audit_trail()
    {
        var policy = new ReviewPolicy([ReviewLevel.OneOfThePostsReviewers], checklist: Checklist);
        var post = InReview(policy);

        post.Approve(Anna, 1, policy, ["IMAGE-RIGHTS", "facts-checked", "nothing-confidential", "unknown"], Now, "Passt.").ShouldSucceed();

        Assert.Equal(AllConfirmed, Assert.Single(post.Decisions).ConfirmedChecklistItems);
        var approval = post.AuditTrail.Single(entry => entry.Action == AuditAction.ApprovalGiven);
        Assert.Equal(
            "level: review\nconfirmed facts-checked: Fakten geprüft\nconfirmed nothing-confidential: Nichts Vertrauliches\nconfirmed image-rights: Bildrechte geklärt",
            approval.Details);
        Assert.Equal("Passt.", approval.Comment);
    }

    [Fact]
    public void Without_a_checklist_approving_needs_no_confirmations()
    {
        var post = InReview();

        post.Approve(Anna, 1, ReviewPolicy.Default, [], Now).ShouldSucceed();

        Assert.Empty(Assert.Single(post.Decisions).ConfirmedChecklistItems);
    }

    [Fact]
    public void A_refused_action_leaves_no_trace()
    {
        var post = InReview();
        var trail = post.AuditTrail.ToList();
        var version = post.Version;

        post.Approve(Author, 1, ReviewPolicy.Default, [], Now);
        post.Approve(Outsider, 1, ReviewPolicy.Default, [], Now);
        post.Reject(Anna, 1, ReviewPolicy.Default, "", Now);

        Assert.Equal(trail, post.AuditTrail);
        Assert.Equal(version, post.Version);
        Assert.Empty(post.Decisions);
    }

    [Fact]
    public void Every_transition_and_decision_is_audited_with_actor_time_and_revision()
    {
        var post = Draft();
        post.SubmitForReview(Author, ReviewPolicy.Default, Now.AddMinutes(1));
        post.RequestChanges(Anna, 1, ReviewPolicy.Default, "Kürzer bitte.", Now.AddMinutes(2));
        post.Edit(Author, DefaultContent with { BaseText = "Frühling: 20 % auf alles." }, ReviewPolicy.Default, Now.AddMinutes(3));
        post.SubmitForReview(Author, ReviewPolicy.Default, Now.AddMinutes(4));
        post.Approve(Anna, 2, ReviewPolicy.Default, [], Now.AddMinutes(5));
        post.Schedule(Ben, Now.AddDays(1), Now.AddMinutes(6));

        Assert.Equal(
        [
            (1, AuditAction.Drafted, Author.AadObjectId, 0, PostStatus.Draft, Now),
            (2, AuditAction.SubmittedForReview, Author.AadObjectId, 1, PostStatus.InReview, Now.AddMinutes(1)),
            (3, AuditAction.ChangesRequested, Anna.AadObjectId, 1, PostStatus.ChangesRequested, Now.AddMinutes(2)),
            (4, AuditAction.Edited, Author.AadObjectId, 1, PostStatus.ChangesRequested, Now.AddMinutes(3)),
            (5, AuditAction.SubmittedForReview, Author.AadObjectId, 2, PostStatus.InReview, Now.AddMinutes(4)),
            (6, AuditAction.ApprovalGiven, Anna.AadObjectId, 2, PostStatus.InReview, Now.AddMinutes(5)),
            (7, AuditAction.Approved, Anna.AadObjectId, 2, PostStatus.Approved, Now.AddMinutes(5)),
            (8, AuditAction.Scheduled, Ben.AadObjectId, 2, PostStatus.Scheduled, Now.AddMinutes(6)),
        ],
        post.AuditTrail.Select(e => (e.Sequence, e.Action, e.ActorAadObjectId, e.Revision, e.Status, e.At)));
        Assert.Equal("Kürzer bitte.", post.AuditTrail[2].Comment);
    }

    [Fact]
    public void Times_are_stored_in_utc_whatever_offset_they_arrive_with()
    {
        var berlin = new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.FromHours(1));
        var post = new Post(Author, DefaultContent, berlin);

        post.SubmitForReview(Author, ReviewPolicy.Default, berlin);
        post.Approve(Anna, 1, ReviewPolicy.Default, [], berlin);
        post.Schedule(Author, berlin.AddDays(1), berlin);

        Assert.All(post.AuditTrail, entry => Assert.Equal(TimeSpan.Zero, entry.At.Offset));
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero), post.PlannedPublishAt);
        Assert.Equal(TimeSpan.Zero, post.PlannedPublishAt!.Value.Offset);
        Assert.Equal(TimeSpan.Zero, post.CreatedAt.Offset);
        Assert.Equal(TimeSpan.Zero, Assert.Single(post.Decisions).DecidedAt.Offset);
    }

    [Fact]
    public void Actor_from_a_team_membership_carries_its_role_and_team()
    {
        var membership = new TeamMembership { TeamId = Id, AadObjectId = "aad-x", Role = TeamRole.Reviewer };

        Assert.Equal(new Actor("aad-x", Id, TeamRole.Reviewer), Actor.From(membership));
    }

    [Fact]
    public void Aad_ids_match_whatever_their_case()
    {
        var post = InReview(content: Content("AAD-ANNA"));

        post.Approve(Author with { AadObjectId = "AAD-AUTHOR" }, 1, ReviewPolicy.Default, [], Now).ShouldBeRefused(PostRefusalReason.AuthorCannotReview);
        post.Approve(Anna, 1, ReviewPolicy.Default, [], Now).ShouldSucceed();
    }
}
