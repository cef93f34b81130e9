using System.Net;
using Bot.Posts;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Bot.IntegrationTests.Cluster;

public sealed partial class ClusterTests
{
    /// <summary>
    /// A decision on one post that cannot commit yet (its row is locked, as by a slow commit on another instance) must
    /// not hold up a decision on another post: decisions queue per post, not per database.
    /// </summary>
    [Fact]
    public async Task A_decision_waiting_on_one_post_does_not_hold_up_a_decision_on_another()
    {
        var (first, second) = await StartTwoAsync();
        var held = await PrepareReviewAsync(first);
        await SendOkAsync(first, CreateDraft("Other post"));
        Guid other;
        await using (var database = _database.OpenContext())
        {
            other = await database.Posts.AsNoTracking().Where(p => p.WorkingTitle == "Other post").Select(p => p.Id).SingleAsync();
        }

        await SendOkAsync(first, Action("post.submit", Ben, other, revision: 0));

        await using var blocker = new NpgsqlConnection(_database.ConnectionString);
        await blocker.OpenAsync();
        await using var transaction = await blocker.BeginTransactionAsync();
        await using (var lockRow = new NpgsqlCommand("""SELECT 1 FROM "Posts" WHERE "Id" = @id FOR UPDATE""", blocker, transaction))
        {
            lockRow.Parameters.AddWithValue("id", held);
            await lockRow.ExecuteScalarAsync();
        }

        var waitingDecision = Send(first, Action("post.approve", Clara, held, revision: 1));
        await WaitForAsync(() => IsBlockingAsync(blocker.ProcessID), TimeSpan.FromSeconds(30), "the approval of the held post waits for its row");

        var otherDecision = await Send(second, Action("post.approve", Clara, other, revision: 1));
        Assert.Equal(HttpStatusCode.OK, otherDecision.Status);
        Assert.False(waitingDecision.IsCompleted, "The held post's approval did not wait for its row, so this test proves nothing.");
        await using (var database = _database.OpenContext())
        {
            Assert.Equal(PostStatus.Approved, (await database.Posts.AsNoTracking().SingleAsync(p => p.Id == other)).Status);
        }

        await transaction.RollbackAsync();
        Assert.Equal(HttpStatusCode.OK, (await waitingDecision).Status);
        await using (var database = _database.OpenContext())
        {
            var post = await database.Posts.AsNoTracking().SingleAsync(p => p.Id == held);
            Assert.Equal(PostStatus.Approved, post.Status);
            Assert.Single(post.Decisions);
        }
    }

    /// <summary>
    /// Quartz guards its triggers with one row lock for the whole cluster. A decision changes what the post's reminders
    /// should be, but the turn must not queue behind that lock: the reminders follow once it is free.
    /// </summary>
    [Fact]
    public async Task A_decision_does_not_wait_for_the_schedulers_cluster_wide_lock_and_the_reminders_follow_once_it_is_free()
    {
        var bot = await StartOneAsync();
        var postId = await PrepareReviewAsync(bot);
        var group = "post-" + postId.ToString("N");
        // Reminders are planned by a worker just after the submission commits, not inside its turn.
        await WaitForAsync(async () => await TriggerCountAsync(group, "Review") == 1, TimeSpan.FromSeconds(30), "the submitted post's review reminder to be planned");

        await using var blocker = new NpgsqlConnection(_database.ConnectionString);
        await blocker.OpenAsync();
        await using var transaction = await blocker.BeginTransactionAsync();
        await using (var lockTriggers = new NpgsqlCommand("SELECT lock_name FROM qrtz_locks WHERE lock_name = 'TRIGGER_ACCESS' FOR UPDATE", blocker, transaction))
        {
            Assert.Equal("TRIGGER_ACCESS", await lockTriggers.ExecuteScalarAsync());
        }

        var deciding = Send(bot, Action("post.approve", Clara, postId, revision: 1));
        await Task.WhenAny(deciding, Task.Delay(TimeSpan.FromSeconds(15)));
        Assert.True(deciding.IsCompleted, "The approval waited for the scheduler's lock.");
        Assert.Equal(HttpStatusCode.OK, (await deciding).Status);
        await using (var database = _database.OpenContext())
        {
            Assert.Equal(PostStatus.Approved, (await database.Posts.AsNoTracking().SingleAsync(p => p.Id == postId)).Status);
        }

        Assert.Equal(1L, await TriggerCountAsync(group, "Review"));
        await transaction.RollbackAsync();
        // Approved with no planned time: nothing is left to remind of.
        await WaitForAsync(async () => await TriggerCountAsync(group, "Review") == 0, TimeSpan.FromSeconds(30), "the review reminder of the approved post to go");
    }

    private async Task<long> TriggerCountAsync(string group, string name)
    {
        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM qrtz_triggers WHERE trigger_group = @group AND trigger_name = @name", connection);
        count.Parameters.AddWithValue("group", group);
        count.Parameters.AddWithValue("name", name);
        return (long)(await count.ExecuteScalarAsync())!;
    }

    /// <summary>
    /// True once some other session of this database waits for a lock the given session holds. Asked on a connection of
    /// its own, one statement per transaction: PostgreSQL reads pg_stat_activity once per transaction, so asked inside
    /// the blocking transaction it never shows a session that connected after the first look (the approval's, when
    /// the pool had to open one).
    /// </summary>
    private async Task<bool> IsBlockingAsync(int blockerProcessId)
    {
        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        await connection.OpenAsync();
        await using var query = new NpgsqlCommand(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND @blocker = ANY(pg_blocking_pids(pid))",
            connection);
        query.Parameters.AddWithValue("blocker", blockerProcessId);
        return (long)(await query.ExecuteScalarAsync())! > 0;
    }
}
