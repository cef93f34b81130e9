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

/// <summary>
/// What a chat turn adds to the database because of its change to a post (the approval card in the team's channel, the
/// author's note): run while the change is saved, so it commits in the same save as the decision and its audit entry,
/// or not at all. A retried save (another decision came first) runs it again on the reloaded post.
/// </summary>
public sealed class AlongsidePostChange : IPostChangeSubscriber
{
    private Func<Post, CancellationToken, Task>? _work;

    public void Add(Func<Post, CancellationToken, Task> work)
    {
        var earlier = _work;
        _work = earlier is null ? work : async (post, ct) =>
        {
            await earlier(post, ct);
            await work(post, ct);
        };
    }

    public Task OnSavingAsync(PostChanged change, CancellationToken cancellationToken) =>
        _work is { } work ? work(change.Post, cancellationToken) : Task.CompletedTask;

    public Task OnCommittedAsync(PostChanged change, CancellationToken cancellationToken)
    {
        _work = null;
        return Task.CompletedTask;
    }
}
