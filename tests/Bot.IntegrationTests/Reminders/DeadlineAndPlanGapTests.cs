using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Quartz;

namespace Bot.IntegrationTests.Reminders;

public sealed class DeadlineAndPlanGapTests : IAsyncLifetime
{
    // Monday 23 November 2026, 10:00 in Berlin.
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
    private readonly ReminderWorld _world;

    public DeadlineAndPlanGapTests() => _world = new ReminderWorld(new BotApplication { Clock = _clock });

    public async Task InitializeAsync()
    {
        await _world.Bot.InitializeAsync();
        await _world.SetUpTeamAsync();
    }

    Task IAsyncLifetime.DisposeAsync() => ((IAsyncLifetime)_world.Bot).DisposeAsync();

    [Fact]
    public async Task A_post_planned_within_24_hours_and_not_approved_gets_an_urgent_note_to_reviewer_and_author()
    {
        // Planned for Wednesday 10:30 Berlin: the note is due Tuesday 10:30 Berlin, 09:30 UTC.
        await _world.SubmittedPostAsync("2026-11-25", "10:30");

        _clock.Advance(TimeSpan.FromHours(24));
        await Task.Delay(200);
        Assert.Empty(await UrgentNotesAsync(ReminderWorld.Ben));

        _clock.Advance(TimeSpan.FromMinutes(30));
        await ReminderWorld.EventuallyAsync(async () => (await UrgentNotesAsync(ReminderWorld.Ben)).Count == 1 && (await UrgentNotesAsync(ReminderWorld.Clara)).Count == 1, "the urgent notes");
        Assert.Contains("is planned for", (await UrgentNotesAsync(ReminderWorld.Clara)).Single().VisibleText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_social_channel_with_a_goal_and_nothing_planned_gets_a_note_to_its_owner_on_the_next_working_morning()
    {
        await _world.SayAsync("goal instagram 3/week", ReminderWorld.Anna);
        var scheduler = await _world.Bot.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var planGap = new TriggerKey("plan-gap", "recurring");

        // Up to Tuesday 07:59:30 Berlin: the hourly check runs (once, for the missed hours) but it is not yet morning.
        _clock.Advance(new DateTimeOffset(2026, 11, 24, 6, 59, 30, TimeSpan.Zero) - _clock.GetUtcNow());
        await ReminderWorld.EventuallyAsync(
            async () => (await scheduler.GetTrigger(planGap))?.NextFireTimeUtc == new DateTimeOffset(2026, 11, 24, 7, 0, 0, TimeSpan.Zero)
                && await scheduler.GetTriggerState(planGap) == TriggerState.Normal,
            "the overnight check to finish");
        Assert.Empty(await PlanGapNotesAsync());

        _clock.Advance(TimeSpan.FromSeconds(30));

        await ReminderWorld.EventuallyAsync(async () => (await PlanGapNotesAsync()).Count == 1, "the plan-gap note");
        Assert.Contains("Instagram @contoso_de", (await PlanGapNotesAsync()).Single().VisibleText, StringComparison.Ordinal);
    }

    private async Task<IReadOnlyList<Testing.ConnectorCall>> UrgentNotesAsync(Protocol.Schema.ChannelAccount person) =>
        [.. (await _world.PersonalMessagesToAsync(person)).Where(m => m.VisibleText.StartsWith("Urgent:", StringComparison.Ordinal))];

    private async Task<IReadOnlyList<Testing.ConnectorCall>> PlanGapNotesAsync() =>
        [.. (await _world.PersonalMessagesToAsync(ReminderWorld.Clara)).Where(m => m.VisibleText.StartsWith("Nothing is planned", StringComparison.Ordinal))];
}
