using Bot.Posts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Bot.IntegrationTests.Reminders;

/// <summary>
/// Issue 18, items 1 and 7: whoever the bot asks to act may act. An owner without a role is asked to review and her
/// approval counts; an owner with the reviewer role is told to publish and may record it, with the button or typed.
/// </summary>
public sealed class AskedMayActTests : IAsyncLifetime
{
    // Monday 23 November 2026, 10:00 in Berlin; posts are planned for 14:00 the same day.
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
    private readonly ReminderWorld _world;

    public AskedMayActTests() => _world = new ReminderWorld(new BotApplication { Clock = _clock });

    public async Task InitializeAsync()
    {
        await _world.Bot.InitializeAsync();
        await _world.Bot.InstallInTeamAsync(ReminderWorld.Anna, ReminderWorld.Anna, ReminderWorld.Ben, ReminderWorld.Clara, ReminderWorld.Dora);
    }

    Task IAsyncLifetime.DisposeAsync() => ((IAsyncLifetime)_world.Bot).DisposeAsync();

    [Fact]
    public async Task An_owner_without_a_role_gets_the_review_buttons_and_her_approval_is_accepted()
    {
        await _world.SayAsync("add account linkedin contoso", ReminderWorld.Anna);
        await _world.SayAsync("role <at>Ben Wagner</at> editor", ReminderWorld.Anna, ReminderWorld.Ben);
        await _world.SayAsync("assign <at>Clara Vogel</at> linkedin", ReminderWorld.Anna, ReminderWorld.Clara);
        var postId = await SubmittedPostAsync(ReminderWorld.Ben);
        Assert.Equal([ReminderWorld.Clara.AadObjectId!], (await _world.StoredPostAsync()).Reviewers);

        var view = await _world.InvokeAsync(_world.Action("post.refresh", ReminderWorld.Clara, postId, new() { ["revision"] = "1" }));
        Assert.Contains("\"post.approve\"", view.GetRawText(), StringComparison.Ordinal);

        var approved = await _world.InvokeAsync(_world.Action("post.approve", ReminderWorld.Clara, postId, new() { ["revision"] = "1" }));

        Assert.DoesNotContain("cannot do that", approved.GetRawText(), StringComparison.Ordinal);
        var post = await _world.StoredPostAsync();
        Assert.Equal(PostStatus.Approved, post.Status);
        Assert.Equal(ReminderWorld.Clara.AadObjectId, Assert.Single(post.Decisions).ReviewerAadObjectId);
    }

    [Fact]
    public async Task An_author_who_owns_the_social_channel_still_cannot_approve_her_own_post()
    {
        await _world.SayAsync("add account linkedin contoso", ReminderWorld.Anna);
        await _world.SayAsync("role <at>Ben Wagner</at> editor", ReminderWorld.Anna, ReminderWorld.Ben);
        await _world.SayAsync("assign <at>Ben Wagner</at> linkedin", ReminderWorld.Anna, ReminderWorld.Ben);
        var postId = await SubmittedPostAsync(ReminderWorld.Ben);

        var answer = await _world.InvokeAsync(_world.Action("post.approve", ReminderWorld.Ben, postId, new() { ["revision"] = "1" }));

        Assert.Contains("Four eyes", answer.GetRawText(), StringComparison.Ordinal);
        Assert.Empty((await _world.StoredPostAsync()).Decisions);
    }

    [Fact]
    public async Task An_owner_with_the_reviewer_role_is_told_to_publish_and_marks_it_published_with_the_button()
    {
        var (postId, channel) = await DuePostOwnedByBenAsync();

        var marked = await _world.InvokeAsync(_world.Action("post.markPublished", ReminderWorld.Ben, postId, new()
        {
            ["socialChannelId"] = channel.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["liveUrl"] = "https://instagram.com/p/abc",
        }));

        Assert.Contains("Recorded the live URL for Instagram", marked.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(PostStatus.Published, (await _world.StoredPostAsync()).Status);
    }

    [Fact]
    public async Task An_owner_with_the_reviewer_role_is_told_to_publish_and_may_type_published_but_someone_else_may_not()
    {
        var (postId, _) = await DuePostOwnedByBenAsync();
        var shortId = PostWorkflow.ShortId(postId);

        var dora = await _world.SayForReplyAsync($"published {shortId} https://instagram.com/p/abc", ReminderWorld.Dora);
        Assert.Equal("As viewer you cannot do that.", dora.VisibleText);
        Assert.Equal(PostStatus.Approved, (await _world.StoredPostAsync()).Status);

        var ben = await _world.SayForReplyAsync($"published {shortId} https://instagram.com/p/abc", ReminderWorld.Ben);

        Assert.Equal("Recorded the live URL for Instagram. The post is now: Published.", ben.VisibleText);
        Assert.Equal(PostStatus.Published, (await _world.StoredPostAsync()).Status);
    }

    /// <summary>Clara writes, Ben (reviewer role) owns Instagram, approves, and at 14:00 gets "Time to publish".</summary>
    private async Task<(Guid PostId, int SocialChannelId)> DuePostOwnedByBenAsync()
    {
        await _world.SayAsync("add account instagram @contoso_de", ReminderWorld.Anna);
        await _world.SayAsync("role <at>Clara Vogel</at> editor", ReminderWorld.Anna, ReminderWorld.Clara);
        await _world.SayAsync("role <at>Ben Wagner</at> reviewer", ReminderWorld.Anna, ReminderWorld.Ben);
        await _world.SayAsync("assign <at>Ben Wagner</at> instagram", ReminderWorld.Anna, ReminderWorld.Ben);
        var postId = await SubmittedPostAsync(ReminderWorld.Clara);
        await _world.InvokeAsync(_world.Action("post.approve", ReminderWorld.Ben, postId, new() { ["revision"] = "1" }));
        Assert.Equal(PostStatus.Approved, (await _world.StoredPostAsync()).Status);

        _clock.Advance(TimeSpan.FromHours(4));
        await ReminderWorld.EventuallyAsync(
            async () => (await _world.PersonalMessagesToAsync(ReminderWorld.Ben)).Any(m => m.VisibleText.Contains("Time to publish", StringComparison.Ordinal)),
            "the due-now card to Ben");
        var due = (await _world.PersonalMessagesToAsync(ReminderWorld.Ben)).First(m => m.VisibleText.Contains("Time to publish", StringComparison.Ordinal));
        Assert.Contains("\"post.markPublished\"", ReminderWorld.CardOf(due).GetRawText(), StringComparison.Ordinal);
        var channel = await _world.Bot.WithDatabaseAsync(db => db.SocialChannels.Select(c => c.Id).SingleAsync());
        return (postId, channel);
    }

    private async Task<Guid> SubmittedPostAsync(Protocol.Schema.ChannelAccount author)
    {
        var channel = await _world.Bot.WithDatabaseAsync(db => db.SocialChannels.Select(c => c.Id).SingleAsync());
        var create = _world.Bot.Activities.CardAction("post.create", new
        {
            title = "Frühlingsaktion",
            text = "Der Frühling ist da: 20 % auf alles im Shop.",
            socialChannels = channel.ToString(System.Globalization.CultureInfo.InvariantCulture),
            plannedDate = "2026-11-23",
            plannedTime = "14:00",
        }, inChannel: true);
        create.From = author;
        create.ChannelData = ReminderWorld.TeamChannelData();
        await _world.InvokeAsync(create);
        var post = await _world.StoredPostAsync();
        await _world.InvokeAsync(_world.Action("post.submit", author, post.Id, new() { ["revision"] = "0" }));
        Assert.Equal(PostStatus.InReview, (await _world.StoredPostAsync()).Status);
        return post.Id;
    }
}
