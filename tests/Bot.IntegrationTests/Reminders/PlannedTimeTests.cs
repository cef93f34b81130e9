using Bot.Posts;
using Bot.Reminders;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Bot.IntegrationTests.Reminders;

/// <summary>What happens at a post's planned time: an approved post is due (publish, then a follow-up), an unapproved one missed its slot.</summary>
public sealed class PlannedTimeTests : IAsyncLifetime
{
    // Monday 23 November 2026, 10:00 in Berlin; the posts here are planned for 14:00 the same day.
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
    private readonly ReminderWorld _world;

    public PlannedTimeTests() => _world = new ReminderWorld(new BotApplication { Clock = _clock });

    public async Task InitializeAsync()
    {
        await _world.Bot.InitializeAsync();
        await _world.SetUpTeamAsync();
    }

    Task IAsyncLifetime.DisposeAsync() => ((IAsyncLifetime)_world.Bot).DisposeAsync();

    [Fact]
    public async Task A_missed_slot_asks_author_and_reviewer_and_the_author_moves_it_to_a_new_time()
    {
        var postId = await _world.SubmittedPostAsync("2026-11-23", "14:00");

        _clock.Advance(TimeSpan.FromHours(4));
        await ReminderWorld.EventuallyAsync(async () => (await MissedSlotCardsAsync(ReminderWorld.Ben)).Count == 1 && (await MissedSlotCardsAsync(ReminderWorld.Clara)).Count == 1, "the missed-slot cards");
        var card = ReminderWorld.CardOf((await MissedSlotCardsAsync(ReminderWorld.Ben)).Single());
        Assert.Contains("nothing went out", card.GetRawText(), StringComparison.Ordinal);
        Assert.Contains("\"post.moveSlot\"", card.GetRawText(), StringComparison.Ordinal);
        Assert.Contains("\"post.withdrawMissed\"", card.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(PostStatus.InReview, (await _world.StoredPostAsync()).Status);

        var past = await _world.InvokeAsync(_world.Action("post.moveSlot", ReminderWorld.Ben, postId, new() { ["newDate"] = "2026-11-23", ["newTime"] = "13:00" }));
        Assert.Contains("must lie in the future", past.GetRawText(), StringComparison.Ordinal);
        var notAllowed = await _world.InvokeAsync(_world.Action("post.moveSlot", ReminderWorld.Dora, postId, new() { ["newDate"] = "2026-11-24", ["newTime"] = "15:00" }));
        Assert.Contains("Only the author", notAllowed.GetRawText(), StringComparison.Ordinal);
        var garbage = await _world.InvokeAsync(_world.Action("post.moveSlot", ReminderWorld.Ben, postId, new() { ["newDate"] = "tomorrow", ["newTime"] = "15:00" }));
        Assert.Contains("\"post.moveSlot\"", garbage.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 13, 0, 0, TimeSpan.Zero), (await _world.StoredPostAsync()).PlannedPublishAt);

        var moved = await _world.InvokeAsync(_world.Action("post.moveSlot", ReminderWorld.Ben, postId, new() { ["newDate"] = "2026-11-24", ["newTime"] = "15:00" }));

        Assert.Contains("now planned for", moved.GetRawText(), StringComparison.Ordinal);
        var newTime = new DateTimeOffset(2026, 11, 24, 14, 0, 0, TimeSpan.Zero);
        Assert.Equal(newTime, (await _world.StoredPostAsync()).PlannedPublishAt);
        Assert.Contains(new PlannedReminder(postId, PostReminder.PlannedTime, newTime), await _world.PlannedAsync(postId));
    }

    [Fact]
    public async Task A_missed_slot_is_withdrawn_by_the_author_only_and_its_reminders_go()
    {
        var postId = await _world.SubmittedPostAsync("2026-11-23", "14:00");
        _clock.Advance(TimeSpan.FromHours(4));
        await ReminderWorld.EventuallyAsync(async () => (await MissedSlotCardsAsync(ReminderWorld.Ben)).Count == 1, "the missed-slot card");

        var refused = await _world.InvokeAsync(_world.Action("post.withdrawMissed", ReminderWorld.Clara, postId));
        Assert.Contains("Only the author", refused.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(PostStatus.InReview, (await _world.StoredPostAsync()).Status);

        var withdrawn = await _world.InvokeAsync(_world.Action("post.withdrawMissed", ReminderWorld.Ben, postId));

        Assert.Contains("Withdrawn", withdrawn.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(PostStatus.Withdrawn, (await _world.StoredPostAsync()).Status);
        Assert.Empty(await _world.PlannedAsync(postId));
    }

    [Fact]
    public async Task An_approved_post_is_due_its_owner_is_reminded_again_after_two_hours_and_marks_it_published()
    {
        await _world.SayAsync("role <at>Clara Vogel</at> editor", ReminderWorld.Anna, ReminderWorld.Clara);
        var postId = await _world.SubmittedPostAsync("2026-11-23", "14:00");
        await _world.InvokeAsync(_world.Action("post.approve", ReminderWorld.Clara, postId, new() { ["revision"] = "1" }));
        Assert.Equal(PostStatus.Approved, (await _world.StoredPostAsync()).Status);

        _clock.Advance(TimeSpan.FromHours(4));
        await ReminderWorld.EventuallyAsync(async () => (await DueCardsAsync("Time to publish")).Count == 1, "the due-now card");
        var dueCall = (await DueCardsAsync("Time to publish")).Single();
        var due = ReminderWorld.CardOf(dueCall);
        Assert.Contains("Der Frühling ist da: 20 % auf alles im Shop.", dueCall.VisibleText, StringComparison.Ordinal);
        Assert.Contains("\"post.markPublished\"", due.GetRawText(), StringComparison.Ordinal);

        Assert.Contains(new PlannedReminder(postId, PostReminder.PublishFollowUp, new DateTimeOffset(2026, 11, 23, 15, 0, 0, TimeSpan.Zero)), await _world.PlannedAsync(postId));
        _clock.Advance(TimeSpan.FromHours(2));
        await ReminderWorld.EventuallyAsync(async () => (await DueCardsAsync("Still to publish")).Count == 1, "the follow-up");

        var channel = await _world.Bot.WithDatabaseAsync(db => db.SocialChannels.Select(c => c.Id).SingleAsync());
        var data = new Dictionary<string, string?> { ["socialChannelId"] = channel.ToString(System.Globalization.CultureInfo.InvariantCulture), ["liveUrl"] = "not a url" };
        var invalid = await _world.InvokeAsync(_world.Action("post.markPublished", ReminderWorld.Clara, postId, data));
        Assert.Equal(PostStatus.Approved, (await _world.StoredPostAsync()).Status);
        Assert.DoesNotContain("Recorded", invalid.GetRawText(), StringComparison.Ordinal);

        data["liveUrl"] = "https://instagram.com/p/abc";
        var marked = await _world.InvokeAsync(_world.Action("post.markPublished", ReminderWorld.Clara, postId, data));

        Assert.Contains("Recorded the live URL for Instagram", marked.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(PostStatus.Published, (await _world.StoredPostAsync()).Status);
        Assert.Empty(await _world.PlannedAsync(postId));
    }

    private async Task<IReadOnlyList<Testing.ConnectorCall>> MissedSlotCardsAsync(Protocol.Schema.ChannelAccount person) =>
        [.. (await _world.PersonalMessagesToAsync(person)).Where(m => m.VisibleText.Contains("Missed slot", StringComparison.Ordinal))];

    private async Task<IReadOnlyList<Testing.ConnectorCall>> DueCardsAsync(string title) =>
        [.. (await _world.PersonalMessagesToAsync(ReminderWorld.Clara)).Where(m => m.VisibleText.Contains(title, StringComparison.Ordinal))];
}

/// <summary>The settings card: coordinators only, every field checked on the server.</summary>
public sealed class ReminderSettingsTests : IAsyncLifetime
{
    private readonly ReminderWorld _world = new(new BotApplication { Clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero)) });

    public async Task InitializeAsync()
    {
        await _world.Bot.InitializeAsync();
        await _world.SetUpTeamAsync();
    }

    Task IAsyncLifetime.DisposeAsync() => ((IAsyncLifetime)_world.Bot).DisposeAsync();

    [Fact]
    public async Task Someone_who_is_not_a_coordinator_gets_neither_the_card_nor_a_save()
    {
        var answer = await _world.SayForReplyAsync("einstellungen", ReminderWorld.Clara, "de-DE");
        Assert.Contains("nur Koordinator", answer.VisibleText, StringComparison.Ordinal);
        Assert.Null(answer.Body!.Value.TryGetProperty("attachments", out var attachments) ? attachments.ValueKind.ToString() : null);

        var forged = await _world.InvokeAsync(SaveAction(ReminderWorld.Clara, Valid()));

        Assert.Contains("Only coordinators", forged.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(0, await _world.Bot.WithDatabaseAsync(db => db.ReminderSettings.CountAsync()));
    }

    [Fact]
    public async Task A_coordinator_saves_valid_settings_and_a_bad_field_is_named_and_stores_nothing()
    {
        var card = ReminderWorld.CardOf(await _world.SayForReplyAsync("settings", ReminderWorld.Anna));
        Assert.Contains("\"reminders.saveSettings\"", card.GetRawText(), StringComparison.Ordinal);
        Assert.Contains("Europe/Berlin", card.GetRawText(), StringComparison.Ordinal);

        var bad = Valid();
        bad["workEnd"] = "07:00";
        var refused = await _world.InvokeAsync(SaveAction(ReminderWorld.Anna, bad));
        Assert.Contains("Please check \\u0022Working day ends\\u0022", refused.GetRawText(), StringComparison.Ordinal);
        var badZone = Valid();
        badZone["timeZone"] = "Mars/Olympus";
        Assert.Contains("Time zone", (await _world.InvokeAsync(SaveAction(ReminderWorld.Anna, badZone))).GetRawText(), StringComparison.Ordinal);
        Assert.Equal(0, await _world.Bot.WithDatabaseAsync(db => db.ReminderSettings.CountAsync()));

        var saved = await _world.InvokeAsync(SaveAction(ReminderWorld.Anna, Valid()));

        Assert.Contains("Saved.", saved.GetRawText(), StringComparison.Ordinal);
        var stored = await _world.Bot.WithDatabaseAsync(db => db.ReminderSettings.AsNoTracking().SingleAsync());
        Assert.Equal(2, stored.Settings.ReviewSlaHours);
        Assert.Equal([DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday], stored.Settings.WorkingDays);
        Assert.Equal([new DateOnly(2026, 12, 24)], stored.Settings.Holidays);
        Assert.False(stored.Settings.IsOn(ReminderKind.PlanGap));
        Assert.True(stored.Settings.IsOn(ReminderKind.Review));
        Assert.Equal("Europe/Vienna", await _world.Bot.WithDatabaseAsync(db => db.Teams.Select(t => t.TimeZoneId).SingleAsync()));
    }

    private static Dictionary<string, string?> Valid() => new()
    {
        ["slaHours"] = "2",
        ["deadlineHours"] = "12",
        ["planGapDays"] = "5",
        ["workStart"] = "09:00",
        ["workEnd"] = "17:00",
        ["workingDays"] = "1,2,3,4",
        ["timeZone"] = "Europe/Vienna",
        ["holidays"] = "2026-12-24",
        ["kindsOn"] = "Review,Deadline,DueNow,MissedSlot",
    };

    private Protocol.Schema.Activity SaveAction(Protocol.Schema.ChannelAccount from, Dictionary<string, string?> data)
    {
        var activity = _world.Bot.Activities.CardAction("reminders.saveSettings", data, inChannel: true);
        activity.From = from;
        activity.ChannelData = ReminderWorld.TeamChannelData();
        return activity;
    }
}
