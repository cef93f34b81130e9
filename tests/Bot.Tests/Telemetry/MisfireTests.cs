using System.Diagnostics.Metrics;
using Bot.Scheduling;
using Bot.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Quartz;

namespace Bot.Tests.Telemetry;

/// <summary>
/// A real Quartz scheduler (the in-memory store, so no database) misses a trigger's fire times while it is paused, as
/// the bot's scheduler does when every instance was down, and tells the misfire counter once the trigger is back.
/// </summary>
public sealed class MisfireTests
{
    [Fact]
    public async Task A_trigger_that_missed_its_time_is_counted_as_a_misfire_of_its_kind_of_job()
    {
        var name = "misfire-test-" + Guid.NewGuid().ToString("N");
        var services = new ServiceCollection()
            .AddMetrics()
            .AddSingleton<BotMetrics>()
            // Quartz keeps schedulers by name in the process; a name of its own (and the key of its services) keeps this
            // one apart from any other.
            .AddQuartz(name, quartz =>
            {
                // The bot's stores use Quartz's 60 s; a short threshold makes a missed second a misfire here.
                quartz.UseInMemoryStore(store => store.MisfireThreshold = TimeSpan.FromMilliseconds(200));
                quartz.AddTriggerListener<MisfireCounter>();
            });
        await using var provider = services.BuildServiceProvider();
        using var misfires = new MetricCollector<long>(provider.GetRequiredService<IMeterFactory>(), BotMetrics.MeterName, "bot.scheduler.misfires");
        var scheduler = await provider.GetRequiredKeyedService<ISchedulerFactory>(name).GetScheduler();
        try
        {
            await scheduler.Start();
            var job = JobBuilder.Create<NothingJob>().WithIdentity("Review", "post-6d2f6a8e2f1e4a719a4e0f1a2b3c4d5e").Build();
            var trigger = TriggerBuilder.Create()
                .WithIdentity("Review", "post-6d2f6a8e2f1e4a719a4e0f1a2b3c4d5e")
                .StartAt(DateTimeOffset.UtcNow.AddMilliseconds(300))
                .WithSimpleSchedule(schedule => schedule.WithInterval(TimeSpan.FromHours(1)).WithRepeatCount(1))
                .Build();
            await scheduler.ScheduleJob(job, trigger);
            await scheduler.PauseTrigger(trigger.Key);
            await Task.Delay(1_000);
            Assert.Empty(misfires.GetMeasurementSnapshot());

            await scheduler.ResumeTrigger(trigger.Key);
            await misfires.WaitForMeasurementsAsync(1, TimeSpan.FromSeconds(10));

            Assert.Equal("post", misfires.GetMeasurementSnapshot()[0].Tags[BotMetrics.JobGroupTag]);
        }
        finally
        {
            await scheduler.Shutdown(waitForJobsToComplete: false);
        }
    }

    private sealed class NothingJob : IJob
    {
        public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;
    }
}
