using Bot.Posts;
using Bot.Scheduling;

namespace Bot.Reminders;

internal static class ReminderServiceCollectionExtensions
{
    /// <summary>The reminders of posts and the hourly plan-gap check, in the persistent scheduler. Needs AddScheduling.</summary>
    public static IServiceCollection AddReminders(this IServiceCollection services)
    {
        services.AddSingleton<ReminderScheduler>();
        services.AddScoped<ReminderSettingsStore>();
        services.AddScoped<PostReminders>();
        services.AddScoped<IPostChangeSubscriber, RemindersFollowPosts>();
        services.AddSingleton<ReminderSyncSignal>();
        services.AddHostedService<ReminderSyncWorker>();
        services.AddScoped<ReminderFirings>();
        services.AddTransient<ReviewReminderJob>();
        services.AddTransient<DeadlineReminderJob>();
        services.AddTransient<PlannedTimeJob>();
        services.AddTransient<PublishFollowUpJob>();
        services.AddRecurringJob<PlanGapJob>("plan-gap", PlanGapJob.Schedule);
        return services;
    }
}
