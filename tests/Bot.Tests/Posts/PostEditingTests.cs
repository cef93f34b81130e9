using Bot.Posts;
using Bot.Staffing;
using Bot.Teams;
using static Bot.Tests.Posts.TestTeam;

namespace Bot.Tests.Posts;

/// <summary>Drafts, content, revisions and what reviewers see changed.</summary>
public sealed class PostEditingTests
{
    [Fact]
    public void A_new_draft_holds_what_the_author_wrote()
    {
        var post = new Post(Author, DefaultContent, Now, plannedPublishAt: Now.AddDays(3));

        Assert.Equal((Id, Author.AadObjectId, "Frühlingsaktion", Department.Sales), (post.TeamId, post.AuthorAadObjectId, post.WorkingTitle, post.Department));
        Assert.Equal(["fruehling"], post.Tags);
        Assert.Equal(["https://contoso.de/fruehling"], post.Links);
        Assert.Equal(["https://contoso.sharepoint.com/media/fruehling.jpg"], post.MediaReferences);
        Assert.Equal([Anna.AadObjectId], post.Reviewers);
        Assert.Equal((PostStatus.Draft, 0, 1), (post.Status, post.CurrentRevision, post.Version));
        Assert.Equal(Now.AddDays(3), post.PlannedPublishAt);
        Assert.Empty(post.Revisions);
        Assert.NotEqual(Guid.Empty, post.Id);
    }

    [Fact]
    public void A_variant_without_its_own_text_uses_the_base_text()
    {
        var post = Draft();

        Assert.Equal(
        [
            (1, Platform.Facebook, "Der Frühling ist da: 20 % auf alles im Shop.", true),
            (2, Platform.LinkedIn, "Frühling bei Contoso: 20 % auf alles.", false),
        ],
        post.Variants.Select(v => (v.SocialChannelId, v.Platform, v.Text, v.FollowsBaseText)));
    }

    [Fact]
    public void Editing_the_base_text_changes_the_variants_that_follow_it_only()
    {
        var post = Draft();

        post.Edit(Author, DefaultContent with { BaseText = "Neu: 30 %!" }, ReviewPolicy.Default, Now).ShouldSucceed();

        Assert.Equal(["Neu: 30 %!", "Frühling bei Contoso: 20 % auf alles."], post.Variants.Select(v => v.Text));
    }

    [Fact]
    public void Editing_can_add_and_drop_social_channels()
    {
        var post = Draft();

        post.Edit(Author, DefaultContent with { Variants = [new VariantContent(2, Platform.LinkedIn), new VariantContent(5, Platform.X, "Kurz: 20 %")] }, ReviewPolicy.Default, Now)
            .ShouldSucceed();

        Assert.Equal([(2, "Der Frühling ist da: 20 % auf alles im Shop."), (5, "Kurz: 20 %")], post.Variants.Select(v => (v.SocialChannelId, v.Text)));
    }

    [Fact]
    public void Editing_a_draft_makes_no_revision()
    {
        var post = Draft();

        post.Edit(Author, DefaultContent with { BaseText = "Anders" }, ReviewPolicy.Default, Now).ShouldSucceed();

        Assert.Equal(0, post.CurrentRevision);
        Assert.Empty(post.Revisions);
    }

    [Fact]
    public void Each_edit_after_submission_makes_a_new_revision()
    {
        var post = InReview();

        post.Edit(Author, DefaultContent with { BaseText = "Zweite Fassung" }, ReviewPolicy.Default, Now.AddMinutes(5)).ShouldSucceed();
        post.Edit(Author, DefaultContent with { BaseText = "Dritte Fassung" }, ReviewPolicy.Default, Now.AddMinutes(9)).ShouldSucceed();

        Assert.Equal(3, post.CurrentRevision);
        Assert.Equal([1, 2, 3], post.Revisions.Select(r => r.Number));
        Assert.Equal(["Der Frühling ist da: 20 % auf alles im Shop.", "Zweite Fassung", "Dritte Fassung"], post.Revisions.Select(r => r.TextFor(1)!.Text));
        Assert.Equal((Now.AddMinutes(9), Author.AadObjectId), (post.Revisions[2].CreatedAt, post.Revisions[2].CreatedBy));
    }

    [Fact]
    public void While_changes_are_requested_edits_wait_for_the_next_submission_to_become_a_revision()
    {
        var post = InState(PostStatus.ChangesRequested);

        post.Edit(Author, DefaultContent with { BaseText = "Erster Versuch" }, ReviewPolicy.Default, Now).ShouldSucceed();
        post.Edit(Author, DefaultContent with { BaseText = "Zweiter Versuch" }, ReviewPolicy.Default, Now).ShouldSucceed();
        Assert.Equal(1, post.CurrentRevision);

        post.SubmitForReview(Author, ReviewPolicy.Default, Now).ShouldSucceed();

        Assert.Equal(2, post.CurrentRevision);
        Assert.Equal("Zweiter Versuch", post.Revisions[^1].TextFor(1)!.Text);
    }

    [Fact]
    public void Resubmitting_without_changes_still_starts_a_fresh_review_round()
    {
        var post = InState(PostStatus.ChangesRequested);
        post.AddComment(Author, "Die Bildrechte sind geklärt, siehe Mail.", Now).ShouldSucceed();

        post.SubmitForReview(Author, ReviewPolicy.Default, Now).ShouldSucceed();

        Assert.Equal(2, post.CurrentRevision);
        post.Approve(Anna, 2, ReviewPolicy.Default, [], Now).ShouldSucceed();
        Assert.Equal(PostStatus.Approved, post.Status);
    }

    [Fact]
    public void A_new_revision_resets_the_approvals()
    {
        var policy = new ReviewPolicy([new ReviewLevel("team", ApprovalRule.All, [Anna.AadObjectId, Ben.AadObjectId])]);
        var post = InReview(policy);
        post.Approve(Anna, 1, policy, [], Now).ShouldSucceed();

        post.Edit(Author, DefaultContent with { BaseText = "Korrigiert" }, policy, Now).ShouldSucceed();
        post.Approve(Ben, 2, policy, [], Now).ShouldSucceed();

        Assert.Equal(PostStatus.InReview, post.Status);
        Assert.Equal([Anna.AadObjectId], policy.Evaluate(post).MayApproveNow);
        post.Approve(Anna, 2, policy, [], Now).ShouldSucceed();
        Assert.Equal(PostStatus.Approved, post.Status);
    }

    [Theory]
    [InlineData(PostStatus.Approved)]
    [InlineData(PostStatus.Scheduled)]
    public void Editing_an_approved_post_returns_it_to_review(PostStatus status)
    {
        var post = InState(status);
        var planned = post.PlannedPublishAt;

        post.Edit(Author, DefaultContent with { BaseText = "Neuer Preis: 25 %" }, ReviewPolicy.Default, Now).ShouldSucceed();

        Assert.Equal((PostStatus.InReview, 2), (post.Status, post.CurrentRevision));
        Assert.False(ReviewPolicy.Default.Evaluate(post).IsSatisfied);
        Assert.Equal(planned, post.PlannedPublishAt);
        var edited = post.AuditTrail[^1];
        Assert.Equal((AuditAction.Edited, PostStatus.InReview, 2, $"from: {status}"), (edited.Action, edited.Status, edited.Revision, edited.Details));
    }

    [Fact]
    public void An_edit_that_changes_nothing_is_refused_and_makes_no_revision()
    {
        var post = InState(PostStatus.Approved);

        post.Edit(Author, DefaultContent with { Tags = ["#Fruehling"] }, ReviewPolicy.Default, Now).ShouldBeRefused(PostRefusalReason.NothingChanged);

        Assert.Equal((PostStatus.Approved, 1), (post.Status, post.CurrentRevision));
    }

    [Fact]
    public void A_draft_may_hold_text_a_platform_would_refuse_but_it_cannot_go_to_review()
    {
        var tooLong = DefaultContent with { Variants = [new VariantContent(3, Platform.X, new string('a', 281))] };
        var post = Draft(tooLong);

        var result = post.SubmitForReview(Author, ReviewPolicy.Default, Now);

        result.ShouldBeRefused(PostRefusalReason.BlockedByPlatformCheck);
        var warning = Assert.Single(result.BlockingWarnings);
        Assert.Equal((3, PlatformCheck.TooLong, 281, 280), (warning.SocialChannelId, warning.Check, warning.Actual, warning.Limit));
        Assert.Equal(PostStatus.Draft, post.Status);
    }

    [Fact]
    public void Warnings_that_do_not_block_do_not_stop_a_submission()
    {
        var post = Draft(DefaultContent with { Variants = [new VariantContent(4, Platform.Instagram, "Mehr: https://contoso.de/fruehling")] });

        Assert.Single(PlatformChecks.Check(post.Variants));
        post.SubmitForReview(Author, ReviewPolicy.Default, Now).ShouldSucceed();
    }

    [Fact]
    public void An_edit_under_review_cannot_bring_in_text_a_platform_would_refuse()
    {
        var post = InState(PostStatus.Approved);

        post.Edit(Author, DefaultContent with { BaseText = "" }, ReviewPolicy.Default, Now).ShouldBeRefused(PostRefusalReason.BlockedByPlatformCheck);

        Assert.Equal(PostStatus.Approved, post.Status);
        Assert.Equal("Der Frühling ist da: 20 % auf alles im Shop.", post.BaseText);
    }

    [Fact]
    public void An_edit_under_review_cannot_remove_every_reviewer()
    {
        var post = InReview();

        post.Edit(Author, Content() with { BaseText = "Ohne Prüfer" }, ReviewPolicy.Default, Now).ShouldBeRefused(PostRefusalReason.NotEnoughReviewers);
    }

    [Fact]
    public void Invalid_content_is_refused_with_its_problems()
    {
        var post = Draft();
        var invalid = DefaultContent with
        {
            WorkingTitle = " ",
            Variants = [new VariantContent(1, Platform.X), new VariantContent(1, Platform.Facebook)],
            Links = ["contoso.de"],
        };

        var result = post.Edit(Author, invalid, ReviewPolicy.Default, Now);

        result.ShouldBeRefused(PostRefusalReason.InvalidContent);
        Assert.Equal([ContentProblem.WorkingTitleMissing, ContentProblem.DuplicateSocialChannel, ContentProblem.InvalidLink], result.ContentProblems);
    }

    [Fact]
    public void Content_problems_are_found_field_by_field()
    {
        Assert.Empty(DefaultContent.Validate());
        Assert.Equal([ContentProblem.WorkingTitleTooLong], (DefaultContent with { WorkingTitle = new string('x', 201) }).Validate());
        Assert.Equal([ContentProblem.NoVariants], (DefaultContent with { Variants = [] }).Validate());
        Assert.Equal([ContentProblem.InvalidSocialChannel], (DefaultContent with { Variants = [new VariantContent(0, Platform.X)] }).Validate());
        Assert.Equal([ContentProblem.InvalidTag], (DefaultContent with { Tags = ["zwei wörter"] }).Validate());
        Assert.Equal([ContentProblem.InvalidTag], (DefaultContent with { Tags = ["#"] }).Validate());
        Assert.Equal([ContentProblem.InvalidMediaReference], (DefaultContent with { MediaReferences = ["ftp://server/bild.jpg"] }).Validate());
        Assert.Equal([ContentProblem.InvalidReviewer], (DefaultContent with { Reviewers = [""] }).Validate());
    }

    [Fact]
    public void Drafting_from_user_input_refuses_instead_of_throwing()
    {
        Assert.Equal(PostRefusalReason.RoleNotAllowed, Post.Draft(Anna, DefaultContent, Now).Refusal);
        Assert.Equal(PostRefusalReason.PublishTimeInPast, Post.Draft(Author, DefaultContent, Now, Now.AddMinutes(-1)).Refusal);
        var invalid = Post.Draft(Author, DefaultContent with { WorkingTitle = "" }, Now);
        Assert.Equal((PostRefusalReason.InvalidContent, ContentProblem.WorkingTitleMissing), (invalid.Refusal, Assert.Single(invalid.ContentProblems)));

        var drafted = Post.Draft(Author, DefaultContent, Now);
        Assert.True(drafted.Succeeded);
        Assert.Equal(PostStatus.Draft, drafted.Post!.Status);
    }

    [Fact]
    public void The_constructor_refuses_what_a_post_must_never_be()
    {
        Assert.Throws<ArgumentException>(() => new Post(Viewer, DefaultContent, Now));
        Assert.Throws<ArgumentException>(() => new Post(Author, DefaultContent with { Variants = [] }, Now));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Post(Author, DefaultContent, Now, plannedPublishAt: Now));
        Assert.Throws<ArgumentException>(() => new Post(Author with { TeamId = "" }, DefaultContent, Now));
    }

    [Fact]
    public void A_coordinator_may_write_posts_and_a_reviewer_may_not()
    {
        Assert.True(Post.Draft(Coordinator, DefaultContent, Now).Succeeded);
        Assert.False(Post.Draft(new Actor("aad-r", Id, TeamRole.Reviewer), DefaultContent, Now).Succeeded);
    }

    [Fact]
    public void Reviewers_see_per_social_channel_what_changed_since_their_last_decision()
    {
        var post = InState(PostStatus.ChangesRequested);
        post.Edit(
            Author,
            DefaultContent with
            {
                BaseText = "Der Frühling ist da: 25 % auf alles im Shop.",
                Variants = [new VariantContent(1, Platform.Facebook), new VariantContent(2, Platform.LinkedIn, "Frühling bei Contoso: 20 % auf alles."), new VariantContent(3, Platform.X, "25 %!")],
            },
            ReviewPolicy.Default,
            Now).ShouldSucceed();
        post.SubmitForReview(Author, ReviewPolicy.Default, Now).ShouldSucceed();

        var lastLooked = post.LastRevisionDecidedBy(Anna.AadObjectId);
        var changes = post.ChangesSince(lastLooked!.Value);

        Assert.Equal(1, lastLooked);
        Assert.Equal(
        [
            (1, VariantChangeKind.Changed, "Der Frühling ist da: [-20-]{+25+} % auf alles im Shop."),
            (2, VariantChangeKind.Unchanged, "Frühling bei Contoso: 20 % auf alles."),
            (3, VariantChangeKind.Added, "{+25 %!+}"),
        ],
        changes.Select(c => (c.SocialChannelId, c.Kind, TextDiff.ToCompactString(c.Diff))));
    }

    [Fact]
    public void A_dropped_social_channel_shows_as_removed()
    {
        var post = InReview();
        post.Edit(Author, DefaultContent with { Variants = [new VariantContent(1, Platform.Facebook)] }, ReviewPolicy.Default, Now).ShouldSucceed();

        var removed = Assert.Single(post.ChangesSince(1), c => c.Kind == VariantChangeKind.Removed);

        Assert.Equal((2, Platform.LinkedIn), (removed.SocialChannelId, removed.Platform));
        Assert.Equal("[-Frühling bei Contoso: 20 % auf alles.-]", TextDiff.ToCompactString(removed.Diff));
    }

    [Fact]
    public void Someone_who_never_decided_has_no_last_revision_and_sees_everything_as_new()
    {
        var post = InReview();

        Assert.Null(post.LastRevisionDecidedBy(Ben.AadObjectId));
        Assert.All(post.ChangesSince(0), change => Assert.Equal(VariantChangeKind.Added, change.Kind));
    }
}
