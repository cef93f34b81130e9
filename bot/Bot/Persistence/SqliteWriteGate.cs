using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Bot.Persistence;

/// <summary>
/// SQLite has one writer. Left to itself, a second writer in this process waits in SQLite's busy handler, which
/// sleeps on the thread in growing steps (up to 100 ms) however soon the lock is free: under a burst of decisions the
/// thread pool filled with sleeping threads and p50 went to seconds. Here the bot's own writers queue instead,
/// asynchronously and in order, for the few milliseconds a commit takes: a transaction from BEGIN to its end, a single
/// write statement (ExecuteUpdate, an upsert) for its execution. Reads never wait (WAL). Writers outside EF (Quartz's
/// job store, another process) still meet SQLite's busy handler, and a writer that cannot get the gate in time goes
/// ahead without it, so a nested write can slow a turn down but never deadlock it.
/// </summary>
internal sealed class SqliteWriteGate : DbTransactionInterceptor, IDbCommandInterceptor, IDbConnectionInterceptor
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ConditionalWeakTable<DbConnection, object> _holders = [];

    public override async ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
    {
        await EnterAsync(connection, cancellationToken);
        return result;
    }

    public override InterceptionResult<DbTransaction> TransactionStarting(DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result)
    {
        Enter(connection);
        return result;
    }

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Leave(ConnectionOf(eventData));
        return Task.CompletedTask;
    }

    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Leave(ConnectionOf(eventData));

    public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Leave(ConnectionOf(eventData));
        return Task.CompletedTask;
    }

    public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Leave(ConnectionOf(eventData));

    public override Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        TransactionFailed(transaction, eventData);
        return Task.CompletedTask;
    }

    public override void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData)
    {
        // A failed commit or rollback ends the transaction too; a failed statement inside it does not.
        if (eventData.Action is "Commit" or "Rollback")
        {
            Leave(ConnectionOf(eventData));
        }
    }

    /// <summary>
    /// Queues a writer outside EF in this process (the scheduler calls that plan a post's reminders) with the bot's own
    /// writers. Left to meet them in SQLite's busy handler, a burst of scheduler writes starved a turn that held the gate
    /// and slept there, and every turn queued behind it.
    /// </summary>
    // A transaction disposed without a commit or a rollback (an exception before the commit, under `await using`) ends
    // with no transaction event at all; its connection closing is the last word, so the gate is given back there. After
    // a commit or a single statement the connection holds nothing any more and closing it changes nothing.
    Task IDbConnectionInterceptor.ConnectionClosedAsync(DbConnection connection, ConnectionEndEventData eventData)
    {
        Leave(connection);
        return Task.CompletedTask;
    }

    void IDbConnectionInterceptor.ConnectionClosed(DbConnection connection, ConnectionEndEventData eventData) => Leave(connection);

    Task IDbConnectionInterceptor.ConnectionDisposedAsync(DbConnection connection, ConnectionEndEventData eventData)
    {
        Leave(connection);
        return Task.CompletedTask;
    }

    void IDbConnectionInterceptor.ConnectionDisposed(DbConnection connection, ConnectionEndEventData eventData) => Leave(connection);

    /// <summary>Nobody holds the gate now.</summary>
    internal bool IsFree => _gate.CurrentCount == 1;

    public async Task<IDisposable> HoldAsync(CancellationToken cancellationToken) =>
        await _gate.WaitAsync(Patience, cancellationToken) ? new Held(_gate) : new Held(null);

    // A write statement outside a transaction is a transaction of its own.
    async ValueTask<InterceptionResult<int>> IDbCommandInterceptor.NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken)
    {
        if (command.Transaction is null)
        {
            await EnterAsync(command.Connection!, cancellationToken);
        }

        return result;
    }

    InterceptionResult<int> IDbCommandInterceptor.NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        if (command.Transaction is null)
        {
            Enter(command.Connection!);
        }

        return result;
    }

    ValueTask<int> IDbCommandInterceptor.NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken)
    {
        LeaveAfterLoneWrite(command, eventData.ExecuteMethod);
        return ValueTask.FromResult(result);
    }

    int IDbCommandInterceptor.NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        LeaveAfterLoneWrite(command, eventData.ExecuteMethod);
        return result;
    }

    Task IDbCommandInterceptor.CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken)
    {
        LeaveAfterLoneWrite(command, eventData.ExecuteMethod);
        return Task.CompletedTask;
    }

    void IDbCommandInterceptor.CommandFailed(DbCommand command, CommandErrorEventData eventData) => LeaveAfterLoneWrite(command, eventData.ExecuteMethod);

    Task IDbCommandInterceptor.CommandCanceledAsync(DbCommand command, CommandEndEventData eventData, CancellationToken cancellationToken)
    {
        LeaveAfterLoneWrite(command, eventData.ExecuteMethod);
        return Task.CompletedTask;
    }

    void IDbCommandInterceptor.CommandCanceled(DbCommand command, CommandEndEventData eventData) => LeaveAfterLoneWrite(command, eventData.ExecuteMethod);

    /// <summary>A write statement outside a transaction held the gate for its own run only.</summary>
    private void LeaveAfterLoneWrite(DbCommand command, DbCommandMethod method)
    {
        if (command.Transaction is null && method == DbCommandMethod.ExecuteNonQuery)
        {
            Leave(command.Connection);
        }
    }

    private static DbConnection? ConnectionOf(DbContextEventData eventData) =>
        eventData.Context is { } context ? Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.GetDbConnection(context.Database) : null;

    private async Task EnterAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        if (await _gate.WaitAsync(Patience, cancellationToken))
        {
            Hold(connection);
        }
    }

    private void Enter(DbConnection connection)
    {
        if (_gate.Wait(Patience))
        {
            Hold(connection);
        }
    }

    private void Hold(DbConnection connection)
    {
        if (!_holders.TryAdd(connection, connection))
        {
            // This connection held the gate already (a statement inside a transaction the gate did not see start).
            _gate.Release();
        }
    }

    private void Leave(DbConnection? connection)
    {
        if (connection is not null && _holders.Remove(connection))
        {
            _gate.Release();
        }
    }

    private sealed class Held(SemaphoreSlim? gate) : IDisposable
    {
        private SemaphoreSlim? _gate = gate;

        public void Dispose() => Interlocked.Exchange(ref _gate, null)?.Release();
    }
}
