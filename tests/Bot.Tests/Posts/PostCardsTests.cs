using System.Text.Json;
using Bot.Localization;
using Bot.Posts;
using Bot.Protocol.AdaptiveCards;
using Bot.Protocol.Schema;
using Bot.Turns;
using static Bot.Tests.Posts.TestTeam;

namespace Bot.Tests.Posts;

public sealed class PostCardsTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    [Fact]
    public void The_shared_approval_card_refreshes_for_at_most_60_reviewers_and_shows_no_buttons()
    {
        var post = InReview();
        var reviewerIds = Enumerable.Range(1, 75).Select(i => $"29:reviewer-{i}").ToList();

        using var language = BotLanguage.Use(BotLanguage.English);
        var card = PostCards.Review(View(post, reviewerIds), forReviewer: false);

        Assert.Equal(PostCards.MaxRefreshUsers, card.Refresh!.UserIds!.Count);
        Assert.Equal(RefreshPostCardAction.Verb, Assert.IsType<ActionExecute>(card.Refresh.Action).Verb);
        Assert.DoesNotContain(ApprovePostAction.Verb, Json(card), StringComparison.Ordinal);
    }

    [Fact]
    public void A_reviewer_sees_checklist_comment_and_the_three_decisions_for_the_current_revision()
    {
        var post = InReview();

        using var language = BotLanguage.Use(BotLanguage.English);
        var card = PostCards.Review(View(post, ["29:anna"], Checklist), forReviewer: true);

        Assert.Equal(AllConfirmed.Select(id => PostCards.ChecklistInputPrefix + id), card.Body.OfType<InputToggle>().Select(t => t.Id));
        Assert.Single(card.Body.OfType<InputText>(), input => input.Id == PostCards.CommentInput);
        var actions = card.Body.OfType<ActionSet>().Single().Actions.Cast<ActionExecute>().ToList();
        Assert.Equal([ApprovePostAction.Verb, RequestChangesAction.Verb, RejectPostAction.Verb], actions.Select(a => a.Verb));
        Assert.All(actions, a => Assert.Equal("1", a.Data[PostCards.RevisionData]));
    }

    [Fact]
    public void After_the_verdict_the_card_has_no_buttons_no_refresh_and_says_who_decided_when()
    {
        var post = InReview();
        post.Approve(Anna, 1, ReviewPolicy.Default, [], Now.AddHours(1)).ShouldSucceed();
        var view = View(post, ["29:anna"]) with { Names = new Dictionary<string, string> { [Anna.AadObjectId] = "Anna Schmidt" } };

        using var language = BotLanguage.Use(BotLanguage.English);
        var card = PostCards.Review(view, forReviewer: view.CanDecide(Anna.AadObjectId));

        Assert.Null(card.Refresh);
        Assert.Empty(card.Body.OfType<ActionSet>());
        Assert.Contains(card.Body.OfType<TextBlock>(), t => t.Text == "✅ Approved by Anna Schmidt, Nov 24, 2026 at 11:00");
    }

    [Fact]
    public void The_author_never_gets_the_buttons()
    {
        var view = View(InReview(), ["29:author"]) with { Reviewers = [Author.AadObjectId, Anna.AadObjectId] };

        Assert.False(view.CanDecide(Author.AadObjectId));
        Assert.True(view.CanDecide(Anna.AadObjectId));
    }

    [Fact]
    public void Blocking_platform_checks_are_named_under_their_variant_on_the_draft_card()
    {
        var tooLong = new string('a', 300);
        var post = Draft(DefaultContent with { Variants = [new VariantContent(3, Staffing.Platform.X, tooLong)] });

        using var language = BotLanguage.Use(BotLanguage.English);
        var card = PostCards.Draft(View(post, []));

        var variant = Assert.Single(card.Body.OfType<Container>());
        Assert.Contains(variant.Items.OfType<TextBlock>(), t => t.Text == "⛔ X: 300 of 280 characters." && t.Color == "Attention");
        Assert.Contains(SubmitPostAction.Verb, Json(card), StringComparison.Ordinal);
    }

    private static PostCardView View(Post post, IReadOnlyList<string> reviewerTeamsIds, ReviewChecklist? checklist = null) => new(
        post,
        Berlin,
        checklist ?? ReviewChecklist.None,
        [.. ReviewPolicy.Default.Evaluate(post).AllReviewers],
        ReviewPolicy.Default.Evaluate(post).MayApproveNow,
        new Dictionary<string, string>(),
        new Dictionary<int, string>(),
        reviewerTeamsIds);

    private static string Json(AdaptiveCard card) => JsonSerializer.Serialize(card, ProtocolJson.Options);
}
