namespace Bot.Posts;

/// <summary>What the workflow did to a post, named by its verb ("draft", "submit", "approve", "withdraw", …).</summary>
public sealed record PostChanged(Post Post, string Verb, DateTimeOffset At);

/// <summary>
/// Another feature reacting to posts (reminders, the webhook) without the workflow knowing it. A change is heard
/// twice: while it is being saved, so what a subscriber adds to the database commits with the change or not at all
/// (the webhook delivery of an approval), and once it is committed, for effects outside the database (schedules,
/// waking workers). A subscriber must not call back into the workflow.
/// </summary>
public interface IPostChangeSubscriber
{
    Task OnSavingAsync(PostChanged change, CancellationToken cancellationToken) => Task.CompletedTask;

    Task OnCommittedAsync(PostChanged change, CancellationToken cancellationToken) => Task.CompletedTask;
}
