using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Bot.Delivery;

/// <summary>
/// Wakes the outbox worker once new messages are committed, not before: woken early, the worker would find nothing
/// and sleep a whole poll interval. Saved outside a transaction they are committed at once; inside the turn's
/// transaction, at its commit.
/// </summary>
public sealed class OutboxCommitSignal(OutboxSignal signal) : SaveChangesInterceptor, IDbTransactionInterceptor
{
    private readonly ConditionalWeakTable<DbContext, object> _waitingForCommit = [];

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Track(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Track(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Release(eventData.Context, committed: eventData.Context?.Database.CurrentTransaction is null);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Release(eventData.Context, committed: eventData.Context?.Database.CurrentTransaction is null);
        return result;
    }

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Release(eventData.Context, committed: true);
        return Task.CompletedTask;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Release(eventData.Context, committed: true);

    /// <summary>For changes EF does not track (bulk updates): wakes the worker now, or at the commit of the open transaction.</summary>
    public void NotifyAfterCommit(DbContext context)
    {
        if (context.Database.CurrentTransaction is null)
        {
            signal.Notify();
        }
        else
        {
            _waitingForCommit.AddOrUpdate(context, true);
        }
    }

    private void Track(DbContext? context)
    {
        if (context is not null && context.ChangeTracker.Entries<OutboundMessage>().Any(e => e.State is EntityState.Added or EntityState.Modified))
        {
            _waitingForCommit.AddOrUpdate(context, true);
        }
    }

    private void Release(DbContext? context, bool committed)
    {
        if (committed && context is not null && _waitingForCommit.Remove(context))
        {
            signal.Notify();
        }
    }
}
