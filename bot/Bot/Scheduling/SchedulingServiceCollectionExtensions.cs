using Bot.Persistence;
using Quartz;

namespace Bot.Scheduling;

internal static class SchedulingServiceCollectionExtensions
{
    /// <summary>
    /// Quartz with its persistent store in the bot's own database, driven by the container's <see cref="TimeProvider"/>
    /// (Quartz asks the container when it is given none, so tests that swap in a fake clock drive the scheduler too).
    /// The tables are created by <see cref="DatabaseInitializer"/>, which starts before the scheduler. On PostgreSQL the
    /// store is clustered: every instance runs a scheduler on the same tables, each trigger fires on exactly one of them,
    /// and the jobs of an instance that stops checking in are taken over by the others.
    /// </summary>
    public static IServiceCollection AddScheduling(this IServiceCollection services, IConfiguration configuration)
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
            quartz.AddTriggerListener<MisfireCounter>();
        });
        services.AddQuartzHostedService(options => options.WaitForJobsToComplete = true);
        services.AddHostedService<RecurringJobs>();
        return services;
    }

    /// <summary>
    /// A job the bot always runs, on a cron schedule in UTC, stored once by <see cref="RecurringJobs"/> at start-up. The
    /// feature that owns the job registers it here, in any order relative to <see cref="AddScheduling"/>. The name is the
    /// job's and trigger's key in the persistent store, and the store keeps the job's type name: renaming either leaves
    /// the old entry behind in every existing database.
    /// </summary>
    public static IServiceCollection AddRecurringJob<TJob>(this IServiceCollection services, string name, string cronExpression)
        where TJob : class, IJob
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(cronExpression);
        if (services.Any(service => service.ImplementationInstance is RecurringJob { Name: var registered } && registered == name))
        {
            throw new InvalidOperationException($"A recurring job named '{name}' is already registered.");
        }

        services.AddTransient<TJob>();
        services.AddSingleton(new RecurringJob(typeof(TJob), name, cronExpression));
        return services;
    }
}
