namespace Bot.Persistence;

/// <summary>
/// Work that must wait until a database transaction has committed: the scheduler writes through its own connection,
/// so rescheduling a post's reminders inside a transaction that holds SQLite's write lock would wait for a lock its own
/// caller holds. Turns run without a transaction (each save commits on its own), so the work usually runs at once;
/// inside an explicit transaction it runs when whoever committed calls <see cref="CommittedAsync"/>, and is dropped
/// with the scope when that transaction rolls back.
/// </summary>
public sealed class AfterCommit(BotDbContext database)
{
    private readonly List<Func<CancellationToken, Task>> _pending = [];

    public Task RunOrDeferAsync(Func<CancellationToken, Task> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (database.Database.CurrentTransaction is null)
        {
            return work(cancellationToken);
        }

        _pending.Add(work);
        return Task.CompletedTask;
    }

    /// <summary>Called by whoever committed the transaction.</summary>
    public async Task CommittedAsync(CancellationToken cancellationToken)
    {
        var due = _pending.ToList();
        _pending.Clear();
        foreach (var work in due)
        {
            await work(cancellationToken);
        }
    }
}
