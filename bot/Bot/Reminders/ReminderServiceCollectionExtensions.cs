using Bot.Persistence;
using Microsoft.Extensions.Options;
using Quartz;

namespace Bot.Reminders;

internal static class ReminderServiceCollectionExtensions
{
    /// <summary>
    /// Quartz with its persistent store in the bot's own database, driven by the container's <see cref="TimeProvider"/>
    /// (Quartz asks the container when it is given none, so tests that swap in a fake clock drive the scheduler too).
    /// The tables are created by <see cref="DatabaseInitializer"/>, which starts before the scheduler.
    /// </summary>
    public static IServiceCollection AddReminders(this IServiceCollection services)
    {
        services.AddQuartz(quartz =>
        {
            quartz.UsePersistentStore(store =>
            {
                store.UseSqlite(source => source.DataSourceFactory = provider =>
                    new SqliteDataSourceWithSettings(
                        PersistenceServiceCollectionExtensions.SqliteConnection(provider.GetRequiredService<IOptions<BotConnectionString>>().Value.Value!)));
                store.UseSystemTextJsonSerializer();
            });
        });
        services.AddQuartzHostedService(options => options.WaitForJobsToComplete = true);
        services.AddHostedService<RecurringJobs>();

        services.AddSingleton<ReminderScheduler>();
        services.AddScoped<ReminderSettingsStore>();
        services.AddScoped<PostReminders>();
        services.AddTransient<ReviewReminderJob>();
        services.AddTransient<DeadlineReminderJob>();
        services.AddTransient<PlannedTimeJob>();
        services.AddTransient<PublishFollowUpJob>();
        services.AddTransient<PlanGapJob>();
        return services;
    }
}

/// <summary>Stores the recurring jobs once the scheduler is up; another recurring job is one more line here.</summary>
internal sealed class RecurringJobs(ReminderScheduler scheduler) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await scheduler.EnsureRecurringAsync<PlanGapJob>("plan-gap", "0 0 * * * ?", cancellationToken);
        await scheduler.EnsureRecurringAsync<Privacy.RetentionJob>("retention", Privacy.RetentionJob.Schedule, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
