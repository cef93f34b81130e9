using Bot.Posts;
using static Bot.Tests.Posts.TestTeam;

namespace Bot.Tests.Posts;

public sealed class PostPublishingTests
{
    [Fact]
    public void Scheduling_sets_the_planned_time()
    {
        var post = InState(PostStatus.Approved);

        post.Schedule(Ben, Now.AddDays(2), Now).ShouldSucceed();

        Assert.Equal((PostStatus.Scheduled, Now.AddDays(2)), (post.Status, post.PlannedPublishAt));
        Assert.Equal("at: 2026-11-26T09:00:00.0000000+00:00", post.AuditTrail[^1].Details);
    }

    [Fact]
    public void A_time_in_the_past_is_refused()
    {
        var post = InState(PostStatus.Approved);

        post.Schedule(Author, Now, Now).ShouldBeRefused(PostRefusalReason.PublishTimeInPast);
        post.Reschedule(Author, Now.AddSeconds(-1), Now).ShouldBeRefused(PostRefusalReason.PublishTimeInPast);
        Assert.Equal(PostStatus.Approved, post.Status);
    }

    [Fact]
    public void Rescheduling_keeps_the_approval_because_a_time_is_not_content()
    {
        var post = InState(PostStatus.Scheduled);

        post.Reschedule(Ben, Now.AddDays(5), Now).ShouldSucceed();

        Assert.Equal((PostStatus.Scheduled, 1, Now.AddDays(5)), (post.Status, post.CurrentRevision, post.PlannedPublishAt));
        Assert.Equal("at: 2026-11-29T09:00:00.0000000+00:00\nwas: 2026-11-25T09:00:00.0000000+00:00", post.AuditTrail[^1].Details);
        post.Reschedule(Ben, Now.AddDays(5), Now).ShouldBeRefused(PostRefusalReason.NothingChanged);
    }

    [Fact]
    public void A_post_is_published_when_every_variant_is_live()
    {
        var post = InState(PostStatus.Scheduled);

        post.MarkPublished(Ben, 2, "https://www.linkedin.com/feed/update/urn:li:activity:1", Now.AddDays(1)).ShouldSucceed();
        Assert.Equal(PostStatus.Scheduled, post.Status);
        Assert.True(post.IsPartlyLive);

        post.MarkPublished(Ben, 1, "https://www.facebook.com/contoso/posts/2", Now.AddDays(1)).ShouldSucceed();

        Assert.Equal(PostStatus.Published, post.Status);
        var linkedIn = post.Variants.Single(v => v.SocialChannelId == 2);
        Assert.Equal(("https://www.linkedin.com/feed/update/urn:li:activity:1", Ben.AadObjectId, Now.AddDays(1)), (linkedIn.LiveUrl, linkedIn.PublishedBy, linkedIn.PublishedAt));
        Assert.Equal(
            [AuditAction.VariantPublished, AuditAction.VariantPublished, AuditAction.Published],
            post.AuditTrail.TakeLast(3).Select(e => e.Action));
    }

    [Fact]
    public void Publishing_right_after_approval_skips_the_schedule()
    {
        var post = InState(PostStatus.Approved);

        post.MarkPublished(Author, 1, "https://www.facebook.com/contoso/posts/2", Now).ShouldSucceed();
        post.MarkPublished(Author, 2, "https://www.linkedin.com/feed/update/urn:li:activity:1", Now).ShouldSucceed();

        Assert.Equal(PostStatus.Published, post.Status);
    }

    [Fact]
    public void Once_part_of_a_post_is_live_its_content_is_fixed()
    {
        var post = InState(PostStatus.Scheduled);
        post.MarkPublished(Ben, 1, "https://www.facebook.com/contoso/posts/2", Now).ShouldSucceed();

        post.Edit(Author, DefaultContent with { BaseText = "Zu spät" }, ReviewPolicy.Default, Now).ShouldBeRefused(PostRefusalReason.AlreadyLive);
        post.Withdraw(Author, Now).ShouldBeRefused(PostRefusalReason.AlreadyLive);
        post.MarkPublished(Ben, 1, "https://www.facebook.com/contoso/posts/3", Now).ShouldBeRefused(PostRefusalReason.AlreadyPublished);
        post.Reschedule(Ben, Now.AddDays(4), Now).ShouldSucceed();
    }

    [Theory]
    [InlineData("")]
    [InlineData("facebook.com/contoso/posts/2")]
    [InlineData("javascript:alert(1)")]
    public void A_live_url_must_be_a_web_address(string url)
    {
        var post = InState(PostStatus.Scheduled);

        post.MarkPublished(Ben, 1, url, Now).ShouldBeRefused(PostRefusalReason.InvalidLiveUrl);
    }

    [Fact]
    public void Publishing_a_social_channel_the_post_does_not_have_is_refused()
    {
        InState(PostStatus.Scheduled).MarkPublished(Ben, 99, "https://x.com/contoso/status/1", Now).ShouldBeRefused(PostRefusalReason.UnknownSocialChannel);
    }

    [Fact]
    public void Withdrawing_is_for_the_author_and_keeps_the_reason()
    {
        var post = InState(PostStatus.Scheduled);

        post.Withdraw(Ben, Now).ShouldBeRefused(PostRefusalReason.NotAuthor);
        post.Withdraw(Author, Now, "Aktion abgesagt.").ShouldSucceed();

        Assert.Equal(PostStatus.Withdrawn, post.Status);
        Assert.Equal((AuditAction.Withdrawn, "Aktion abgesagt."), (post.AuditTrail[^1].Action, post.AuditTrail[^1].Comment));
    }
}
