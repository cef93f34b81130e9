using Bot.Posts;
using Bot.Reminders;
using Microsoft.Extensions.Time.Testing;

namespace Bot.IntegrationTests.Reminders;

/// <summary>Review reminders end to end: submitted through /api/messages, fired by Quartz on the fake clock, delivered through the fake connector.</summary>
public sealed class ReviewReminderTests : IAsyncLifetime
{
    // Monday 23 November 2026, 10:00 in Berlin.
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
    private readonly ReminderWorld _world;

    public ReviewReminderTests() => _world = new ReminderWorld(new BotApplication { Clock = _clock });

    public async Task InitializeAsync()
    {
        await _world.Bot.InitializeAsync();
        await _world.SetUpTeamAsync();
    }

    Task IAsyncLifetime.DisposeAsync() => ((IAsyncLifetime)_world.Bot).DisposeAsync();

    [Fact]
    public async Task The_reviewer_is_reminded_after_four_working_hours_and_the_coordinators_after_the_second_reminder()
    {
        var postId = await _world.SubmittedPostAsync();
        var planned = await _world.PlannedAsync(postId);
        Assert.Contains(new PlannedReminder(postId, PostReminder.Review, new DateTimeOffset(2026, 11, 23, 13, 0, 0, TimeSpan.Zero)), planned);

        _clock.Advance(TimeSpan.FromHours(3));
        await Task.Yield();
        Assert.Empty(await ReviewRemindersToClaraAsync());

        _clock.Advance(TimeSpan.FromHours(1));
        await ReminderWorld.EventuallyAsync(async () => (await ReviewRemindersToClaraAsync()).Count == 1, "the first reminder");
        var first = (await ReviewRemindersToClaraAsync()).Single();
        Assert.Contains("\"Frühlingsaktion\"", first.VisibleText, StringComparison.Ordinal);
        Assert.Contains("waiting for your review", first.VisibleText, StringComparison.Ordinal);
        Assert.Contains("https://teams.microsoft.com/l/message/", first.VisibleText, StringComparison.Ordinal);
        Assert.DoesNotContain(await _world.PersonalMessagesToAsync(ReminderWorld.Ben), m => m.VisibleText.Contains("review", StringComparison.Ordinal));

        // 14:00 Berlin plus four working hours is 18:00 the same day.
        Assert.Contains(new PlannedReminder(postId, PostReminder.Review, new DateTimeOffset(2026, 11, 23, 17, 0, 0, TimeSpan.Zero)), await _world.PlannedAsync(postId));
        _clock.Advance(TimeSpan.FromHours(4));
        await ReminderWorld.EventuallyAsync(async () => (await ReviewRemindersToClaraAsync()).Count == 2, "the second reminder");
        // The team's morning digest goes into the same channel meanwhile; the escalation is the note that names the coordinators.
        IReadOnlyList<Testing.ConnectorCall> Escalations() => [.. _world.TeamChannelMessages().Where(m => m.VisibleText.Contains("Coordinators (", StringComparison.Ordinal))];
        Assert.Empty(Escalations());

        // Then the next window: Tuesday 08:00 plus four hours, 12:00 Berlin.
        Assert.Contains(new PlannedReminder(postId, PostReminder.Review, new DateTimeOffset(2026, 11, 24, 11, 0, 0, TimeSpan.Zero)), await _world.PlannedAsync(postId));
        _clock.Advance(TimeSpan.FromHours(17));
        // Tuesday's morning digest goes out in that jump; the clock moves on only once it has.
        await ReminderWorld.EventuallyAsync(() => Task.FromResult(_world.TeamChannelMessages().Any(m => m.VisibleText.Contains("Morning digest", StringComparison.Ordinal))), "Tuesday's morning digest");
        await _world.NoSendUnderWayAsync();
        Assert.Empty(Escalations());
        _clock.Advance(TimeSpan.FromHours(1));
        await ReminderWorld.EventuallyAsync(() => Task.FromResult(Escalations().Count == 1), "the escalation");
        var escalation = Escalations().Single();
        Assert.Contains("Coordinators (Anna Schmidt):", escalation.VisibleText, StringComparison.Ordinal);
        Assert.Contains("Clara Vogel", escalation.VisibleText, StringComparison.Ordinal);
        Assert.Equal(2, (await ReviewRemindersToClaraAsync()).Count);
    }

    private async Task<IReadOnlyList<Testing.ConnectorCall>> ReviewRemindersToClaraAsync() =>
        [.. (await _world.PersonalMessagesToAsync(ReminderWorld.Clara)).Where(m => m.VisibleText.Contains("waiting for your review", StringComparison.Ordinal))];

    [Fact]
    public async Task Approving_removes_the_pending_review_reminder_and_nobody_is_nagged()
    {
        var postId = await _world.SubmittedPostAsync();
        Assert.Contains(await _world.PlannedAsync(postId), p => p.Kind == PostReminder.Review);

        await _world.InvokeAsync(_world.Action("post.approve", ReminderWorld.Clara, postId, new() { ["revision"] = "1" }));

        Assert.Equal(PostStatus.Approved, (await _world.StoredPostAsync()).Status);
        var planned = await _world.PlannedAsync(postId);
        Assert.DoesNotContain(planned, p => p.Kind == PostReminder.Review);
        Assert.Contains(planned, p => p.Kind == PostReminder.PlannedTime);
        var claraBefore = (await ReviewRemindersToClaraAsync()).Count;
        _clock.Advance(TimeSpan.FromHours(8));
        await Task.Delay(300);
        Assert.Equal(claraBefore, (await ReviewRemindersToClaraAsync()).Count);
    }

    [Fact]
    public async Task Snooze_moves_the_next_reminder_and_is_refused_to_someone_with_nothing_to_do_with_the_post()
    {
        var postId = await _world.SubmittedPostAsync();
        var shortId = PostWorkflow.ShortId(postId);

        var refused = await _world.SayForReplyAsync($"snooze {shortId} 2h", ReminderWorld.Dora);
        Assert.Contains("Only the author", refused.VisibleText, StringComparison.Ordinal);
        Assert.Contains(new PlannedReminder(postId, PostReminder.Review, new DateTimeOffset(2026, 11, 23, 13, 0, 0, TimeSpan.Zero)), await _world.PlannedAsync(postId));

        var snoozed = await _world.SayForReplyAsync($"später {shortId} 1d", ReminderWorld.Clara, "de-DE");
        Assert.Contains("Verschoben", snoozed.VisibleText, StringComparison.Ordinal);
        Assert.Contains("(in 1 Tag)", snoozed.VisibleText, StringComparison.Ordinal);
        Assert.Contains(new PlannedReminder(postId, PostReminder.Review, _clock.GetUtcNow() + TimeSpan.FromDays(1)), await _world.PlannedAsync(postId));

        var list = await _world.SayForReplyAsync("reminders", ReminderWorld.Clara);
        Assert.Contains("review reminder for \"Frühlingsaktion\"", list.VisibleText, StringComparison.Ordinal);
        Assert.Contains("(in 1 day)", list.VisibleText, StringComparison.Ordinal);
    }
}
