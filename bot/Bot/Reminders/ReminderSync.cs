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

    // A pass runs after every change to a post: it reads only what reminders follow (one statement, where a whole post
    // is seven), compiled once.
    private static readonly Func<BotDbContext, string, IAsyncEnumerable<PostReminderState>> ClaimedPosts =
        EF.CompileAsyncQuery((BotDbContext db, string claim) =>
            db.Posts.Where(p => EF.Property<string?>(p, ReminderSyncConfiguration.ClaimedBy) == claim)
                .Select(p => new PostReminderState(p.Id, p.TeamId, p.Status, p.PlannedPublishAt, p.Version)));

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
        var posts = await ClaimedPosts(database, claim).ToListAsync(cancellationToken);

        var planned = 0;
        foreach (var post in posts)
        {
            try
            {
                using (database.Database.IsSqlite() ? await sqliteWriteGate.HoldAsync(cancellationToken) : null)
                {
                    await reminders.PlanAsync(post, cancellationToken);
                }

                await RecordPlannedAsync(database, post, claim);
                planned++;
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                LogPlanningFailed(logger, e, post.PostId);
                await ReleaseUntilAsync(database, post, claim, Clock.GetUtcNow() + BackOffAfterFailure);
            }
        }

        return planned;
    }

    // The pass's writes are SQL, the same on both databases but for PostgreSQL's row locks. Built from LINQ, each
    // ExecuteUpdate made EF walk its expression for the parameters and the cached plan on every pass: about 3 % of an
    // approval's CPU (perf, approvals at 200/s). EF Core 10 cannot compile an ExecuteUpdate.
    private const string PlannedVersionColumn = "\"" + ReminderSyncConfiguration.PlannedVersion + "\"";
    private const string ClaimedByColumn = "\"" + ReminderSyncConfiguration.ClaimedBy + "\"";
    private const string ClaimedUntilColumn = "\"" + ReminderSyncConfiguration.ClaimedUntil + "\"";

    /// <summary>
    /// Takes up to a batch of posts whose reminders are behind and nobody holds. PostgreSQL: rows another instance is
    /// claiming at this moment are skipped, not waited for. SQLite: the single UPDATE runs under the database's one
    /// write lock, which makes the check and the claim one step.
    /// </summary>
    private static Task ClaimBehindAsync(BotDbContext database, string claim, DateTimeOffset now, DateTimeOffset claimedUntil, CancellationToken cancellationToken) =>
        database.Database.ExecuteSqlRawAsync(
            ClaimBehindStatement(database.Database.IsNpgsql()),
            [claim, ModelSql.ToProvider<Post>(database, ReminderSyncConfiguration.ClaimedUntil, claimedUntil), ModelSql.ToProvider<Post>(database, ReminderSyncConfiguration.ClaimedUntil, now), BatchSize],
            cancellationToken);

    /// <summary>The claim's statement, with its parameters as {0} to {3} (claim, claimed until, now, batch size).</summary>
    internal static string ClaimBehindStatement(bool postgres) => ClaimBehindSql + ModelSql.SkipLockedRows(postgres) + ")";

    // No ORDER BY: which posts of the backlog a pass takes does not matter, and on SQLite ordering by "Id" made the
    // planner walk the whole table in key order instead of the partial index of the posts that are behind, so every pass
    // (one after each change) read every post ever written.
    private const string ClaimBehindSql =
        $$"""
        UPDATE "Posts" SET {{ClaimedByColumn}} = {0}, {{ClaimedUntilColumn}} = {1}
        WHERE "Id" IN (
            SELECT "Id" FROM "Posts"
            WHERE {{PlannedVersionColumn}} <> "Version" AND ({{ClaimedUntilColumn}} IS NULL OR {{ClaimedUntilColumn}} < {2})
            LIMIT {3}
        """;

    private static Task RecordPlannedAsync(BotDbContext database, PostReminderState post, string claim) =>
        database.Database.ExecuteSqlRawAsync(
            $$"""
            UPDATE "Posts" SET {{PlannedVersionColumn}} = {0}, {{ClaimedByColumn}} = NULL, {{ClaimedUntilColumn}} = NULL
            WHERE "Id" = {1} AND {{ClaimedByColumn}} = {2}
            """,
            [post.Version, post.PostId, claim],
            CancellationToken.None);

    private static Task ReleaseUntilAsync(BotDbContext database, PostReminderState post, string claim, DateTimeOffset retryAt) =>
        database.Database.ExecuteSqlRawAsync(
            $$"""
            UPDATE "Posts" SET {{ClaimedByColumn}} = NULL, {{ClaimedUntilColumn}} = {0}
            WHERE "Id" = {1} AND {{ClaimedByColumn}} = {2}
            """,
            [ModelSql.ToProvider<Post>(database, ReminderSyncConfiguration.ClaimedUntil, retryAt), post.PostId, claim],
            CancellationToken.None);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not update the reminders of post {PostId}; trying again later")]
    private static partial void LogPlanningFailed(ILogger logger, Exception exception, Guid postId);

    [LoggerMessage(Level = LogLevel.Error, Message = "A pass over the posts whose reminders are behind failed")]
    private static partial void LogPassFailed(ILogger logger, Exception exception);
}
