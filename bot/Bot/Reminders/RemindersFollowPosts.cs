using Bot.Posts;

namespace Bot.Reminders;

/// <summary>
/// Decisions, withdrawals and new times change what is due. The change itself is the record that the post's reminders
/// are behind (its <see cref="Post.Version"/> moved past the one they were planned for), so nothing is lost when the
/// process dies after the commit; <see cref="ReminderSyncWorker"/> catches up outside the turn, which therefore never
/// waits for the scheduler's cluster-wide lock.
/// </summary>
public sealed class RemindersFollowPosts(ReminderSyncSignal signal) : IPostChangeSubscriber
{
    public Task OnCommittedAsync(PostChanged change, CancellationToken cancellationToken)
    {
        signal.Notify();
        return Task.CompletedTask;
    }
}
