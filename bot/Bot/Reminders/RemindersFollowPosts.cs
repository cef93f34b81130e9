using Bot.Posts;

namespace Bot.Reminders;

/// <summary>Decisions, withdrawals and new times change what is due: a post's reminders follow every committed change.</summary>
public sealed class RemindersFollowPosts(PostReminders reminders) : IPostChangeSubscriber
{
    public Task OnCommittedAsync(PostChanged change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        return reminders.PostChangedAsync(change.Post, cancellationToken);
    }
}
