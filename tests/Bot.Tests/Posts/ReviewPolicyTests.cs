using Bot.Posts;
using Bot.Staffing;
using static Bot.Tests.Posts.TestTeam;

namespace Bot.Tests.Posts;

public sealed class ReviewPolicyTests
{
    private static readonly string[] Trio = [Anna.AadObjectId, Ben.AadObjectId, Cleo.AadObjectId];

    private static readonly ReviewPolicy TwoLevels = new(
    [
        new ReviewLevel("community", ApprovalRule.Any, [Anna.AadObjectId, Ben.AadObjectId]),
        new ReviewLevel("manager", ApprovalRule.All, [Manager.AadObjectId]),
    ]);

    private static readonly ReviewLevel LegalLevel = new("legal", ApprovalRule.Any, [Legal.AadObjectId]);

    private static readonly ReviewPolicy WithLegalRules = new(
        [ReviewLevel.OneOfThePostsReviewers],
        [
            new ConditionalLevel(LegalLevel, tags: ["sensitive", "#Crisis"]),
            new ConditionalLevel(LegalLevel, keywords: ["Preis*", "AGB", "Gewinnspiel", "*garantie", "§ 5"]),
        ]);

    [Fact]
    public void By_default_one_approval_from_a_named_reviewer_is_enough()
    {
        var post = InReview(content: Content(Anna.AadObjectId, Ben.AadObjectId));

        post.Approve(Ben, 1, ReviewPolicy.Default, [], Now).ShouldSucceed();

        Assert.Equal(PostStatus.Approved, post.Status);
        Assert.True(ReviewPolicy.Default.Evaluate(post).IsSatisfied);
    }

    [Fact]
    public void All_reviewers_must_approve_under_all()
    {
        var policy = new ReviewPolicy([new ReviewLevel("team", ApprovalRule.All, Trio)]);
        var post = InReview(policy);

        post.Approve(Anna, 1, policy, [], Now).ShouldSucceed();
        post.Approve(Cleo, 1, policy, [], Now).ShouldSucceed();
        Assert.Equal(PostStatus.InReview, post.Status);
        Assert.Equal([Ben.AadObjectId], policy.Evaluate(post).MayApproveNow);

        post.Approve(Ben, 1, policy, [], Now).ShouldSucceed();
        Assert.Equal(PostStatus.Approved, post.Status);
    }

    [Fact]
    public void N_of_m_needs_exactly_n_different_reviewers()
    {
        var policy = new ReviewPolicy([new ReviewLevel("team", ApprovalRule.NOfM(2), Trio)]);
        var post = InReview(policy);

        post.Approve(Cleo, 1, policy, [], Now).ShouldSucceed();
        Assert.Equal(PostStatus.InReview, post.Status);
        var level = policy.Evaluate(post).Levels.Single();
        Assert.Equal([Cleo.AadObjectId], level.ApprovedBy);
        Assert.Equal(2, level.Required);
        Assert.Equal([Anna.AadObjectId, Ben.AadObjectId], level.Waiting);

        post.Approve(Anna, 1, policy, [], Now).ShouldSucceed();
        Assert.Equal(PostStatus.Approved, post.Status);
        post.Approve(Ben, 1, policy, [], Now).ShouldBeRefused(PostRefusalReason.AlreadyDecided);
    }

    [Fact]
    public void The_post_reviewers_and_the_policy_reviewers_share_a_level_when_it_says_so()
    {
        var policy = new ReviewPolicy([new ReviewLevel("team", ApprovalRule.All, [Manager.AadObjectId], IncludesPostReviewers: true)]);
        var post = InReview(policy, Content(Anna.AadObjectId));

        Assert.Equal([Manager.AadObjectId, Anna.AadObjectId], policy.Evaluate(post).MayApproveNow);
    }

    [Fact]
    public void Levels_go_in_sequence()
    {
        var post = InReview(TwoLevels);

        post.Approve(Manager, 1, TwoLevels, [], Now).ShouldBeRefused(PostRefusalReason.WaitingForEarlierLevel);
        Assert.Equal("community", TwoLevels.Evaluate(post).CurrentLevel?.Level.Name);

        post.Approve(Anna, 1, TwoLevels, [], Now).ShouldSucceed();
        Assert.Equal(PostStatus.InReview, post.Status);
        Assert.Equal("manager", TwoLevels.Evaluate(post).CurrentLevel?.Level.Name);
        Assert.Equal([Manager.AadObjectId], TwoLevels.Evaluate(post).MayApproveNow);

        post.Approve(Manager, 1, TwoLevels, [], Now).ShouldSucceed();
        Assert.Equal(PostStatus.Approved, post.Status);
        Assert.Equal(["community", "manager"], post.Decisions.Select(d => d.LevelName));
    }

    [Fact]
    public void A_late_reviewer_of_a_finished_level_is_told_who_finished_it()
    {
        var post = InReview(TwoLevels);
        post.Approve(Anna, 1, TwoLevels, [], Now).ShouldSucceed();

        var late = post.Approve(Ben, 1, TwoLevels, [], Now);

        late.ShouldBeRefused(PostRefusalReason.AlreadyDecided);
        Assert.Equal(Anna.AadObjectId, late.EarlierDecision?.ReviewerAadObjectId);
    }

    [Fact]
    public void Each_level_has_its_own_rule()
    {
        var policy = new ReviewPolicy(
        [
            new ReviewLevel("community", ApprovalRule.NOfM(2), Trio),
            new ReviewLevel("management", ApprovalRule.Any, [Manager.AadObjectId, Coordinator.AadObjectId]),
        ]);
        var post = InReview(policy);

        post.Approve(Anna, 1, policy, [], Now).ShouldSucceed();
        post.Approve(Coordinator, 1, policy, [], Now).ShouldBeRefused(PostRefusalReason.WaitingForEarlierLevel);
        post.Approve(Ben, 1, policy, [], Now).ShouldSucceed();
        post.Approve(Coordinator, 1, policy, [], Now).ShouldSucceed();

        Assert.Equal(PostStatus.Approved, post.Status);
    }

    [Fact]
    public void A_person_on_two_levels_approves_once_per_level()
    {
        var policy = new ReviewPolicy(
        [
            new ReviewLevel("community", ApprovalRule.Any, [Manager.AadObjectId, Anna.AadObjectId]),
            new ReviewLevel("manager", ApprovalRule.Any, [Manager.AadObjectId]),
        ]);
        var post = InReview(policy);

        post.Approve(Manager, 1, policy, [], Now).ShouldSucceed();
        Assert.Equal(PostStatus.InReview, post.Status);
        post.Approve(Manager, 1, policy, [], Now).ShouldSucceed();

        Assert.Equal(PostStatus.Approved, post.Status);
    }

    [Fact]
    public void A_reviewer_of_a_later_level_may_stop_the_post_early()
    {
        var post = InReview(TwoLevels);

        post.Reject(Manager, 1, TwoLevels, "Nicht während der Tarifverhandlungen.", Now).ShouldSucceed();

        Assert.Equal(PostStatus.Rejected, post.Status);
    }

    [Fact]
    public void A_sensitive_tag_adds_the_legal_level()
    {
        var post = InReview(WithLegalRules, Content(Anna.AadObjectId) with { Tags = ["fruehling", "SENSITIVE"] });

        Assert.Equal(["review", "legal"], WithLegalRules.LevelsFor(post).Select(l => l.Name));
        post.Approve(Anna, 1, WithLegalRules, [], Now).ShouldSucceed();
        Assert.Equal(PostStatus.InReview, post.Status);
        post.Approve(Legal, 1, WithLegalRules, [], Now).ShouldSucceed();
        Assert.Equal(PostStatus.Approved, post.Status);
    }

    [Fact]
    public void Tags_match_with_or_without_hash()
    {
        var post = Draft(Content(Anna.AadObjectId) with { Tags = ["crisis"] });

        Assert.Contains(LegalLevel, WithLegalRules.LevelsFor(post));
    }

    [Fact]
    public void Without_tag_or_keyword_the_extra_level_stays_out()
    {
        var post = InReview(WithLegalRules);

        Assert.Equal(["review"], WithLegalRules.LevelsFor(post).Select(l => l.Name));
        post.Approve(Anna, 1, WithLegalRules, [], Now).ShouldSucceed();
        Assert.Equal(PostStatus.Approved, post.Status);
    }

    [Theory]
    [InlineData("Neue Preise ab Montag!", true)]
    [InlineData("Unser PREIS des Monats", true)]
    [InlineData("Es gelten unsere AGB.", true)]
    [InlineData("Mitmachen beim #Gewinnspiel", true)]
    [InlineData("Mit Zufriedenheitsgarantie", true)]
    [InlineData("Siehe § 5 der Bedingungen", true)]
    [InlineData("Lies unsere AGBs", false)]
    [InlineData("Ein Sonderpreis", false)]
    [InlineData("Garantiert gut", false)]
    [InlineData("Gewinnspielregeln folgen", false)]
    [InlineData("Frühling im Shop", false)]
    public void A_keyword_adds_the_legal_level_as_a_whole_word(string text, bool addsLegal)
    {
        var post = Draft(Content(Anna.AadObjectId) with { BaseText = text });

        Assert.Equal(addsLegal, WithLegalRules.LevelsFor(post).Contains(LegalLevel));
    }

    [Fact]
    public void A_keyword_in_only_one_variant_is_enough()
    {
        var content = Content(Anna.AadObjectId) with
        {
            Variants = [new VariantContent(1, Platform.Facebook), new VariantContent(2, Platform.Instagram, "Jetzt zum Aktionspreis! Preise im Shop.")],
        };

        Assert.Contains(LegalLevel, WithLegalRules.LevelsFor(Draft(content)));
    }

    [Fact]
    public void A_keyword_in_the_working_title_alone_does_not_count_because_the_title_is_not_published()
    {
        var post = Draft(Content(Anna.AadObjectId) with { WorkingTitle = "Preise Frühjahr" });

        Assert.DoesNotContain(LegalLevel, WithLegalRules.LevelsFor(post));
    }

    [Fact]
    public void The_same_level_added_by_a_tag_and_a_keyword_joins_once()
    {
        var post = InReview(WithLegalRules, Content(Anna.AadObjectId) with { Tags = ["sensitive"], BaseText = "Neue Preise" });

        Assert.Equal(["review", "legal"], WithLegalRules.LevelsFor(post).Select(l => l.Name));
        post.Approve(Anna, 1, WithLegalRules, [], Now).ShouldSucceed();
        post.Approve(Legal, 1, WithLegalRules, [], Now).ShouldSucceed();
        Assert.Equal(PostStatus.Approved, post.Status);
    }

    [Fact]
    public void An_edit_that_adds_a_keyword_brings_the_legal_level_into_the_new_revision()
    {
        var post = InReview(WithLegalRules);
        post.Approve(Anna, 1, WithLegalRules, [], Now).ShouldSucceed();
        Assert.Equal(PostStatus.Approved, post.Status);

        post.Edit(Author, DefaultContent with { BaseText = "Jetzt mit Gewinnspiel!" }, WithLegalRules, Now).ShouldSucceed();

        Assert.Equal(PostStatus.InReview, post.Status);
        post.Approve(Anna, 2, WithLegalRules, [], Now).ShouldSucceed();
        Assert.Equal(PostStatus.InReview, post.Status);
        post.Approve(Legal, 2, WithLegalRules, [], Now).ShouldSucceed();
        Assert.Equal(PostStatus.Approved, post.Status);
    }

    [Fact]
    public void A_level_the_author_alone_staffs_makes_the_post_unsubmittable()
    {
        var policy = new ReviewPolicy(
            [ReviewLevel.OneOfThePostsReviewers],
            [new ConditionalLevel(new ReviewLevel("legal", ApprovalRule.Any, [Author.AadObjectId]), tags: ["sensitive"])]);
        var post = Draft(Content(Anna.AadObjectId) with { Tags = ["sensitive"] });

        post.SubmitForReview(Author, policy, Now).ShouldBeRefused(PostRefusalReason.NotEnoughReviewers);
        Assert.False(policy.Evaluate(post).CanBeSatisfied);
    }

    [Fact]
    public void When_the_coordinator_loosens_the_policy_mid_review_any_reviewer_can_finish_it()
    {
        var strict = new ReviewPolicy([new ReviewLevel("team", ApprovalRule.All, [Anna.AadObjectId, Ben.AadObjectId])]);
        var loose = new ReviewPolicy([new ReviewLevel("team", ApprovalRule.Any, [Anna.AadObjectId, Ben.AadObjectId])]);
        var post = InReview(strict);
        post.Approve(Anna, 1, strict, [], Now).ShouldSucceed();
        Assert.True(loose.Evaluate(post).IsSatisfied);

        post.Approve(Outsider, 1, loose, [], Now).ShouldBeRefused(PostRefusalReason.NotAReviewer);
        post.Approve(Ben, 1, loose, [], Now).ShouldSucceed();

        Assert.Equal(PostStatus.Approved, post.Status);
    }

    [Fact]
    public void When_the_coordinator_tightens_the_policy_mid_review_the_new_level_must_approve_too()
    {
        var loose = ReviewPolicy.Default;
        var strict = new ReviewPolicy([ReviewLevel.OneOfThePostsReviewers, new ReviewLevel("manager", ApprovalRule.Any, [Manager.AadObjectId])]);
        var post = InReview(loose, Content(Anna.AadObjectId, Ben.AadObjectId));

        post.Approve(Anna, 1, strict, [], Now).ShouldSucceed();

        Assert.Equal(PostStatus.InReview, post.Status);
        Assert.Equal([Manager.AadObjectId], strict.Evaluate(post).MayApproveNow);
    }

    [Fact]
    public void Nothing_is_satisfied_before_the_first_submission()
    {
        Assert.False(ReviewPolicy.Default.Evaluate(Draft()).IsSatisfied);
    }

    [Fact]
    public void A_policy_that_cannot_work_is_refused_when_it_is_defined()
    {
        Assert.Throws<ArgumentException>(() => new ReviewPolicy([]));
        Assert.Throws<ArgumentException>(() => new ReviewPolicy([new ReviewLevel("x", ApprovalRule.NOfM(3), [Anna.AadObjectId, Ben.AadObjectId])]));
        Assert.Throws<ArgumentException>(() => new ReviewPolicy([new ReviewLevel("x", ApprovalRule.Any, [])]));
        Assert.Throws<ArgumentException>(() => new ReviewPolicy(
            [new ReviewLevel("x", ApprovalRule.Any, [Anna.AadObjectId]), new ReviewLevel("X", ApprovalRule.Any, [Ben.AadObjectId])]));
        Assert.Throws<ArgumentException>(() => new ConditionalLevel(LegalLevel));
        Assert.Throws<ArgumentOutOfRangeException>(() => ApprovalRule.NOfM(0));
        Assert.Throws<ArgumentException>(() => new ReviewChecklist([new("a", "A"), new("A", "B")]));
    }

    [Theory]
    [InlineData(ApprovalRuleKind.Any, 0, 1)]
    [InlineData(ApprovalRuleKind.Any, 4, 1)]
    [InlineData(ApprovalRuleKind.All, 3, 3)]
    [InlineData(ApprovalRuleKind.All, 0, 1)]
    public void A_rule_never_requires_fewer_than_one_approval(ApprovalRuleKind kind, int eligible, int required)
    {
        var rule = kind == ApprovalRuleKind.Any ? ApprovalRule.Any : ApprovalRule.All;

        Assert.Equal(required, rule.RequiredOf(eligible));
    }
}
