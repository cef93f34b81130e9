namespace Bot.Persistence;

/// <summary>
/// Work that must wait until the turn's database transaction has committed. A card action holds SQLite's write lock
/// for its whole turn (see <c>ActivityLedger</c>); the scheduler writes through its own connection, so rescheduling a
/// post's reminders inside that turn would wait for a lock its own turn holds. Outside a transaction the work runs at
/// once; inside one it runs after the commit, and is dropped with the scope when the turn rolls back.
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
