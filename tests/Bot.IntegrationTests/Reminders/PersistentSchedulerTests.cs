using Bot.Reminders;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Bot.IntegrationTests.Reminders;

/// <summary>
/// The real Quartz scheduler on the bot's SQLite file across a restart: the bot process is stopped and a new one
/// starts on the same database (same fake clock, connector and token issuer, as a restarted process would see them).
/// </summary>
public sealed class PersistentSchedulerTests : IAsyncLifetime
{
    // Monday 23 November 2026, 10:00 in Berlin.
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
    private readonly ReminderWorld _world;

    public PersistentSchedulerTests() => _world = new ReminderWorld(new BotApplication { Clock = _clock });

    public async Task InitializeAsync()
    {
        await _world.Bot.InitializeAsync();
        await _world.SetUpTeamAsync();
    }

    Task IAsyncLifetime.DisposeAsync() => ((IAsyncLifetime)_world.Bot).DisposeAsync();

    [Fact]
    public async Task The_quartz_tables_live_in_the_bots_own_database()
    {
        await using var connection = await _world.Bot.Database.OpenConnectionAsync();
        var tables = (await _world.Bot.Database.TableNamesAsync(connection)).Select(t => t.ToUpperInvariant());
        Assert.Superset(new HashSet<string>(["QRTZ_JOB_DETAILS", "QRTZ_TRIGGERS", "QRTZ_SIMPLE_TRIGGERS", "QRTZ_LOCKS"]), tables.ToHashSet());
    }

    [Fact]
    public async Task A_reminder_scheduled_before_a_restart_fires_exactly_once_in_the_new_host()
    {
        var postId = await _world.SubmittedPostAsync();
        await RestartAsync();
        Assert.Contains(await _world.PlannedAsync(postId), p => p.Kind == PostReminder.Review);

        _clock.Advance(TimeSpan.FromHours(4));

        await ReminderWorld.EventuallyAsync(async () => (await ReviewRemindersToClaraAsync()).Count >= 1, "the reminder after the restart");
        await AssertStaysAsync(1);
    }

    [Fact]
    public async Task A_reminder_missed_during_a_two_hour_outage_fires_once_when_the_bot_is_back()
    {
        await _world.SubmittedPostAsync();
        await _world.Bot.DisposeAsync();

        // Due at 14:00 Berlin; the bot is down until 16:00.
        _clock.Advance(TimeSpan.FromHours(6));
        _world.Bot = _world.Bot.Restarted();
        await _world.Bot.InitializeAsync();

        await ReminderWorld.EventuallyAsync(async () => (await ReviewRemindersToClaraAsync()).Count >= 1, "the misfired reminder");
        await AssertStaysAsync(1);
    }

    [Fact]
    public async Task A_change_committed_by_a_process_that_died_before_planning_its_reminders_gets_them_when_the_bot_is_back()
    {
        var postId = await _world.SubmittedPostAsync();
        var moved = new DateTimeOffset(2026, 12, 17, 14, 0, 0, TimeSpan.Zero);
        Assert.DoesNotContain(new PlannedReminder(postId, PostReminder.PlannedTime, moved), await _world.PlannedAsync(postId));
        await _world.Bot.DisposeAsync();

        // What a move leaves in the database when its process dies right after the commit: the new time and version.
        await using (var database = _world.Bot.Database.OpenContext())
        {
            await database.Posts.Where(p => p.Id == postId)
                .ExecuteUpdateAsync(p => p.SetProperty(x => x.PlannedPublishAt, moved).SetProperty(x => x.Version, x => x.Version + 1));
        }

        _world.Bot = _world.Bot.Restarted();
        await _world.Bot.InitializeAsync();

        await ReminderWorld.EventuallyAsync(
            async () => (await _world.PlannedAsync(postId)).Contains(new PlannedReminder(postId, PostReminder.PlannedTime, moved)),
            "the reminder at the new planned time");
        Assert.Single(await _world.PlannedAsync(postId), p => p.Kind == PostReminder.PlannedTime);
    }

    private async Task RestartAsync()
    {
        await _world.Bot.DisposeAsync();
        _world.Bot = _world.Bot.Restarted();
        await _world.Bot.InitializeAsync();
    }

    private async Task<IReadOnlyList<Testing.ConnectorCall>> ReviewRemindersToClaraAsync() =>
        [.. (await _world.PersonalMessagesToAsync(ReminderWorld.Clara)).Where(m => m.VisibleText.Contains("waiting for your review", StringComparison.Ordinal))];

    // "Exactly once" needs a moment to be sure no second firing follows; the scheduler would fire a duplicate at once.
    private async Task AssertStaysAsync(int count)
    {
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(count, (await ReviewRemindersToClaraAsync()).Count);
    }
}
