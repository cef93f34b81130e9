using Bot.Posts;
using Bot.Persistence;
using Quartz;

namespace Bot.Reminders;

internal static class ReminderServiceCollectionExtensions
{
    /// <summary>
    /// Quartz with its persistent store in the bot's own database, driven by the container's <see cref="TimeProvider"/>
    /// (Quartz asks the container when it is given none, so tests that swap in a fake clock drive the scheduler too).
    /// The tables are created by <see cref="DatabaseInitializer"/>, which starts before the scheduler. On PostgreSQL the
    /// store is clustered: every instance runs a scheduler on the same tables, each trigger fires on exactly one of them,
    /// and the jobs of an instance that stops checking in are taken over by the others.
    /// </summary>
    public static IServiceCollection AddReminders(this IServiceCollection services, IConfiguration configuration)
    {
        var provider = configuration.GetSection(DatabaseOptions.SectionName).Get<DatabaseOptions>()?.Provider ?? DatabaseProvider.Sqlite;
        services.AddOptions<ClusterOptions>().BindConfiguration(ClusterOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        var cluster = configuration.GetSection(ClusterOptions.SectionName).Get<ClusterOptions>() ?? new ClusterOptions();
        services.AddQuartz(quartz =>
        {
            quartz.UsePersistentStore(store =>
            {
                if (provider == DatabaseProvider.Postgres)
                {
                    store.UsePostgres(source => source.DataSourceFactory = services =>
                        Npgsql.NpgsqlDataSource.Create(PersistenceServiceCollectionExtensions.ConnectionString(services)));
                    // Clustering also gives each instance its own generated id (host name and start time, Quartz's
                    // AUTO) while the scheduler name stays the same everywhere, which is what makes them one cluster.
                    store.UseClustering(clustering =>
                    {
                        clustering.CheckinInterval = cluster.CheckinInterval;
                        clustering.CheckinMisfireThreshold = cluster.CheckinMisfireThreshold;
                    });
                }
                else
                {
                    store.UseSqlite(source => source.DataSourceFactory = services =>
                        new SqliteDataSourceWithSettings(
                            PersistenceServiceCollectionExtensions.SqliteConnection(PersistenceServiceCollectionExtensions.ConnectionString(services))));
                }

                store.UseSystemTextJsonSerializer();
            });
        });
        services.AddQuartzHostedService(options => options.WaitForJobsToComplete = true);
        services.AddHostedService<RecurringJobs>();

        services.AddSingleton<ReminderScheduler>();
        services.AddScoped<ReminderSettingsStore>();
        services.AddScoped<PostReminders>();
        services.AddScoped<IPostChangeSubscriber, RemindersFollowPosts>();
        services.AddScoped<ReminderFirings>();
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
