using Bot.Hosting;
using Bot.Persistence;
using Bot.Posts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bot.Reminders;

/// <summary>
/// Which version of a post its reminders were planned for, and who is planning them right now. Kept on the post's row
/// (shadow properties, so the post itself knows nothing of reminders): a committed change moves <see cref="Post.Version"/>
/// past <see cref="PlannedVersion"/>, and that difference is the durable to-do the worker picks up.
/// </summary>
internal sealed class ReminderSyncConfiguration : IEntityTypeConfiguration<Post>
{
    public const string PlannedVersion = "RemindersPlannedVersion";
    public const string ClaimedBy = "RemindersClaimedBy";
    public const string ClaimedUntil = "RemindersClaimedUntil";

    public void Configure(EntityTypeBuilder<Post> post)
    {
        post.Property<int>(PlannedVersion).HasDefaultValue(0);
        post.Property<string?>(ClaimedBy).HasMaxLength(32);
        post.Property<DateTimeOffset?>(ClaimedUntil);

        // Only the posts that are behind are in this index, so finding them stays cheap however many posts a team has.
        post.HasIndex(PlannedVersion).HasFilter($"\"{PlannedVersion}\" <> \"Version\"").HasDatabaseName("IX_Posts_RemindersBehind");

        // A pass reads the posts it claimed by its claim; only claimed posts are in this index.
        post.HasIndex(ClaimedBy).HasFilter($"\"{ClaimedBy}\" IS NOT NULL").HasDatabaseName("IX_Posts_RemindersClaimedBy");
    }
}

public sealed class ReminderSyncSignal : WakeUpSignal;

/// <summary>
/// Brings the reminders of changed posts up to date: takes the posts whose reminders are behind, nobody else holds
/// and whose back-off has passed, plans each from its current state, and records the version it planned for. A post
/// changed again meanwhile stays behind and is planned again in the next pass; a scheduler failure leaves it behind and
/// backs off. Several instances share the work through the claim on the post's row (FOR UPDATE SKIP LOCKED on
/// PostgreSQL; SQLite's one writer makes the claiming UPDATE a single step), so one post is planned by one at a time.
/// </summary>
internal sealed partial class ReminderSyncWorker(
    IServiceScopeFactory scopeFactory,
    ReminderSyncSignal signal,
    SqliteWriteGate sqliteWriteGate,
    TimeProvider timeProvider,
    ILogger<ReminderSyncWorker> logger) : WakeUpWorker(signal, timeProvider)
{
    private const int BatchSize = 50;

    /// <summary>For posts another instance changed, or left behind when it died.</summary>
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(5);

    /// <summary>A claim outlives any planning (a handful of scheduler calls); then an instance that died lets go.</summary>
    private static readonly TimeSpan ClaimLease = TimeSpan.FromMinutes(2);

    private static readonly TimeSpan BackOffAfterFailure = TimeSpan.FromSeconds(30);

    protected override async Task<TimeSpan> PassAsync(CancellationToken stoppingToken)
    {
        await PlanBehindAsync(stoppingToken);
        return PollInterval;
    }

    protected override TimeSpan PassFailed(Exception exception)
    {
        LogPassFailed(logger, exception);
        return PollInterval;
    }

    /// <summary>One pass; returns how many posts it planned.</summary>
    public async Task<int> PlanBehindAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var database = scope.ServiceProvider.GetRequiredService<BotDbContext>();
        var reminders = scope.ServiceProvider.GetRequiredService<PostReminders>();
        var now = Clock.GetUtcNow();
        var claim = Guid.NewGuid().ToString("N");
        await ClaimBehindAsync(database, claim, now, now + ClaimLease, cancellationToken);
        var posts = await database.Posts.AsNoTracking().AsSplitQuery()
            .Where(p => EF.Property<string?>(p, ReminderSyncConfiguration.ClaimedBy) == claim)
            .ToListAsync(cancellationToken);

        var planned = 0;
        foreach (var post in posts)
        {
            var mine = database.Posts.Where(p => p.Id == post.Id && EF.Property<string?>(p, ReminderSyncConfiguration.ClaimedBy) == claim);
            try
            {
                using (database.Database.IsSqlite() ? await sqliteWriteGate.HoldAsync(cancellationToken) : null)
                {
                    await reminders.PlanAsync(post, cancellationToken);
                }

                await mine.ExecuteUpdateAsync(
                    p => p.SetProperty(x => EF.Property<int>(x, ReminderSyncConfiguration.PlannedVersion), post.Version)
                        .SetProperty(x => EF.Property<string?>(x, ReminderSyncConfiguration.ClaimedBy), (string?)null)
                        .SetProperty(x => EF.Property<DateTimeOffset?>(x, ReminderSyncConfiguration.ClaimedUntil), (DateTimeOffset?)null),
                    CancellationToken.None);
                planned++;
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                LogPlanningFailed(logger, e, post.Id);
                var retryAt = Clock.GetUtcNow() + BackOffAfterFailure;
                await mine.ExecuteUpdateAsync(
                    p => p.SetProperty(x => EF.Property<string?>(x, ReminderSyncConfiguration.ClaimedBy), (string?)null)
                        .SetProperty(x => EF.Property<DateTimeOffset?>(x, ReminderSyncConfiguration.ClaimedUntil), retryAt),
                    CancellationToken.None);
            }
        }

        return planned;
    }

    private static async Task ClaimBehindAsync(BotDbContext database, string claim, DateTimeOffset now, DateTimeOffset claimedUntil, CancellationToken cancellationToken)
    {
        if (database.Database.IsNpgsql())
        {
            await database.Database.ExecuteSqlRawAsync(
                $$"""
                UPDATE "Posts" SET "{{ReminderSyncConfiguration.ClaimedBy}}" = {0}, "{{ReminderSyncConfiguration.ClaimedUntil}}" = {1}
                WHERE "Id" IN (
                    SELECT "Id" FROM "Posts"
                    WHERE "{{ReminderSyncConfiguration.PlannedVersion}}" <> "Version"
                      AND ("{{ReminderSyncConfiguration.ClaimedUntil}}" IS NULL OR "{{ReminderSyncConfiguration.ClaimedUntil}}" < {2})
                    ORDER BY "Id" LIMIT {3}
                    FOR UPDATE SKIP LOCKED)
                """,
                [claim, claimedUntil, now, BatchSize],
                cancellationToken);
            return;
        }

        var candidates = database.Posts
            .Where(p => EF.Property<int>(p, ReminderSyncConfiguration.PlannedVersion) != p.Version
                && (EF.Property<DateTimeOffset?>(p, ReminderSyncConfiguration.ClaimedUntil) == null
                    || EF.Property<DateTimeOffset?>(p, ReminderSyncConfiguration.ClaimedUntil) < now))
            .OrderBy(p => p.Id)
            .Take(BatchSize)
            .Select(p => p.Id);
        await database.Posts.Where(p => candidates.Contains(p.Id))
            .ExecuteUpdateAsync(
                p => p.SetProperty(x => EF.Property<string?>(x, ReminderSyncConfiguration.ClaimedBy), claim)
                    .SetProperty(x => EF.Property<DateTimeOffset?>(x, ReminderSyncConfiguration.ClaimedUntil), claimedUntil),
                cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not update the reminders of post {PostId}; trying again later")]
    private static partial void LogPlanningFailed(ILogger logger, Exception exception, Guid postId);

    [LoggerMessage(Level = LogLevel.Error, Message = "A pass over the posts whose reminders are behind failed")]
    private static partial void LogPassFailed(ILogger logger, Exception exception);
}
