using System.Data;
using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Bot.Telemetry;
using Microsoft.Extensions.Options;

namespace Bot.Persistence;

/// <summary>
/// Group commit for the lone write statements every turn makes on SQLite (the turn ledger's claim and answer): what
/// concurrent turns write at the same moment shares one transaction and one commit, on a connection of its own. Those
/// two commits were two thirds of a help turn's CPU under the ingress benchmark (0.36 ms per turn, 0.12 ms with both
/// left out): each took the write gate, appended to the WAL and updated its index for a single small row.
/// A caller's statement has committed when its task completes, exactly as with a statement of its own, so a claim
/// still comes before any effect and an answer is still stored before Teams hears it. Nothing waits to fill a batch:
/// whatever queued while the previous commit ran goes into the next, so a lone turn pays one thread hop.
/// </summary>
internal sealed partial class SqliteGroupCommit(IOptions<BotConnectionString> connectionString, SqliteWriteGate gate, BotMetrics metrics, ILogger<SqliteGroupCommit> logger) : IDisposable
{
    // Bounds one transaction's time holding the gate, so a decision's save queued behind it waits milliseconds, not more.
    private const int MostPerCommit = 128;

    private readonly Channel<Write> _queue = Channel.CreateUnbounded<Write>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);
    private readonly Lock _starting = new();
    private Task? _writer;
    private SqliteConnection? _connection;

    /// <summary>Runs <paramref name="sql"/> with positional parameters <c>@p0</c>, <c>@p1</c>, … and returns the rows it changed once committed.</summary>
    public async Task<int> ExecuteAsync(string sql, object[] providerValues)
    {
        var write = new Write(sql, providerValues);
        var queued = Stopwatch.GetTimestamp();
        if (!_queue.Writer.TryWrite(write))
        {
            throw new ObjectDisposedException(nameof(SqliteGroupCommit));
        }

        if (_writer is null)
        {
            lock (_starting)
            {
                _writer ??= Task.Run(WriteBatchesAsync);
            }
        }

        try
        {
            // Deliberately not cancellable: a claim that commits after its caller stopped listening would leave a turn
            // claimed that nobody runs, and the next copy of that activity would wait for it in vain.
            return await write.Completion.Task;
        }
        finally
        {
            DatabaseTime.Add(Stopwatch.GetElapsedTime(queued));
        }
    }

    public void Dispose()
    {
        _queue.Writer.TryComplete();
        Task? writer;
        lock (_starting)
        {
            writer = _writer;
        }

        // The writer commits what is queued before it stops, so a turn finishing during shutdown is still recorded.
        if (writer is null || writer.Wait(TimeSpan.FromSeconds(10)))
        {
            CloseConnection();
        }
    }

    private async Task WriteBatchesAsync()
    {
        var batch = new List<Write>(MostPerCommit);
        while (await _queue.Reader.WaitToReadAsync())
        {
            // The gate is the bot's other writers' queue too, and a fair one as long as everyone waits asynchronously: a
            // thread of its own blocking on it would be woken before async waiters (SemaphoreSlim does so) and could go
            // ahead of the decisions' saves again and again.
            using (await gate.HoldAsync(CancellationToken.None))
            {
                // What queued while this waited for the gate joins this commit.
                while (batch.Count < MostPerCommit && _queue.Reader.TryRead(out var write))
                {
                    batch.Add(write);
                }

                Commit(batch);
            }

            Complete(batch);
            batch.Clear();
        }
    }

    private void Commit(List<Write> batch)
    {
        try
        {
            var connection = Connection();
            using (var transaction = connection.BeginTransaction(IsolationLevel.Serializable, deferred: false))
            {
                foreach (var write in batch)
                {
                    try
                    {
                        write.RowsChanged = Execute(connection, transaction, write);
                    }
                    catch (SqliteException failure) when (connection.Handle is { } handle && SQLitePCL.raw.sqlite3_get_autocommit(handle) == 0)
                    {
                        // SQLite undid this statement only and the transaction goes on: the others in the batch still commit.
                        write.Failure = failure;
                    }
                }

                transaction.Commit();
            }
        }
        catch (Exception failure)
        {
            // Nothing of this batch committed. The connection may be in any state, so the next batch opens a new one.
            LogBatchFailed(logger, batch.Count, failure);
            CloseConnection();
            foreach (var write in batch)
            {
                write.Failure = failure;
            }

            return;
        }

        metrics.GroupCommitted(batch.Count);
    }

    private static void Complete(List<Write> batch)
    {
        foreach (var write in batch)
        {
            if (write.Failure is { } failure)
            {
                write.Completion.TrySetException(failure);
            }
            else
            {
                write.Completion.TrySetResult(write.RowsChanged);
            }
        }
    }

    private int Execute(SqliteConnection connection, SqliteTransaction transaction, Write write)
    {
        // Kept per statement text, so SQLite prepares each of the few hand-written statements once, not per row.
        if (!_commands.TryGetValue(write.Sql, out var command))
        {
            command = connection.CreateCommand();
            command.CommandText = write.Sql;
            for (var index = 0; index < write.Values.Length; index++)
            {
                command.Parameters.Add(new SqliteParameter(ModelSql.ParameterName(index), null));
            }

            _commands.Add(write.Sql, command);
        }

        command.Transaction = transaction;
        for (var index = 0; index < write.Values.Length; index++)
        {
            command.Parameters[index].Value = write.Values[index];
        }

        return command.ExecuteNonQuery();
    }

    private SqliteConnection Connection()
    {
        if (_connection is null)
        {
            var connection = new SqliteDataSourceWithSettings(PersistenceServiceCollectionExtensions.SqliteConnection(connectionString.Value.Value!)).OpenConnection();
            _connection = (SqliteConnection)connection;
        }

        return _connection;
    }

    private void CloseConnection()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }

        _commands.Clear();
        _connection?.Dispose();
        _connection = null;
    }

    private sealed class Write(string sql, object[] values)
    {
        public string Sql { get; } = sql;
        public object[] Values { get; } = values;
        public int RowsChanged { get; set; }
        public Exception? Failure { get; set; }

        // Callers continue on their own, not inline on the writer, which has the next batch to commit.
        public TaskCompletionSource<int> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A group commit of {Count} statements failed; each caller gets the error")]
    private static partial void LogBatchFailed(ILogger logger, int count, Exception exception);
}
