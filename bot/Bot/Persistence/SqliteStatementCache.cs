using System.Data;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Bot.Persistence;

/// <summary>
/// A SQLite connection whose commands keep their prepared statements for the next command with the same SQL.
/// Microsoft.Data.Sqlite prepares every command anew and finalizes its statements when the command is disposed, and
/// EF Core creates and disposes a command per query: the same few dozen statements were parsed, resolved and planned
/// again on every turn, about half of SQLite's CPU in a decision (measured with perf, docs/benchmarks.md).
/// </summary>
internal class StatementCachingSqliteConnection(string connectionString) : SqliteConnection(connectionString)
{
    public override SqliteCommand CreateCommand() => SqliteStatementCache.Supported
        ? new StatementCachingCommand { Connection = this, CommandTimeout = DefaultTimeout, Transaction = Transaction }
        : base.CreateCommand();

    private sealed class StatementCachingCommand : SqliteCommand
    {
        public override SqliteDataReader ExecuteReader(CommandBehavior behavior)
        {
            // Every way to execute (non-query, scalar, async) ends here, with the text and the open connection known.
            if (DataReader is null && Connection?.Handle is { } handle)
            {
                SqliteStatementCache.Lend(handle, this);
            }

            return base.ExecuteReader(behavior);
        }

        protected override void Dispose(bool disposing)
        {
            // A closing connection disposes its commands while its native connection is still open, so this runs
            // before the statements' connection goes back to the driver's pool.
            if (disposing && DataReader is null && Connection?.Handle is { } handle)
            {
                SqliteStatementCache.Return(handle, this);
            }

            base.Dispose(disposing);
        }
    }
}

/// <summary>
/// Prepared statements kept per native connection. The driver's pool hands one native connection to many
/// <see cref="SqliteConnection"/> objects over time, and a statement belongs to the native connection it was prepared
/// on, so that is the key. A statement is lent to one command at a time and comes back reset (the command's reader
/// resets its statements when disposed, as for a command prepared once and executed many times). A schema change
/// needs nothing here: SQLite prepares a statement again by itself when its schema changed.
/// </summary>
internal static class SqliteStatementCache
{
    // Enough for every statement the bot's turns, workers and migrations send; a text beyond it pushes out the one
    // used longest ago, so texts that vary (a batch of n inserts) cannot grow it without bound.
    internal const int TextsPerConnection = 256;

    private static readonly ConditionalWeakTable<sqlite3, StatementsOfConnection> Connections = [];

    /// <summary>
    /// The driver keeps a command's statements in private fields; without them (a driver that changed) commands
    /// prepare as the driver does by itself, and a test says so.
    /// </summary>
    internal static readonly bool Supported = Probe();

    internal static void Lend(sqlite3 handle, SqliteCommand command)
    {
        if (Prepared(command) || PreparedStatements(command).Count != 0)
        {
            return;
        }

        if (Connections.TryGetValue(handle, out var statements) && statements.TryTake(command.CommandText) is { } lent)
        {
            PreparedStatements(command).AddRange(lent);
            Prepared(command) = true;
        }
    }

    internal static void Return(sqlite3 handle, SqliteCommand command)
    {
        // Only a command whose whole text was prepared; one whose reader stopped early keeps what it has, and the
        // driver finalizes it.
        if (!Prepared(command))
        {
            return;
        }

        var prepared = PreparedStatements(command);
        Connections.GetValue(handle, static _ => new StatementsOfConnection()).Put(command.CommandText, [.. prepared]);
        prepared.Clear();
        Prepared(command) = false;
    }

    /// <summary>How many texts a native connection keeps statements for (tests).</summary>
    internal static int CountFor(sqlite3 handle) => Connections.TryGetValue(handle, out var statements) ? statements.Count : 0;

    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "_preparedStatements")]
    private static extern ref List<(sqlite3_stmt Statement, int ParameterCount)> PreparedStatements(SqliteCommand command);

    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "_prepared")]
    private static extern ref bool Prepared(SqliteCommand command);

    private static bool Probe()
    {
        try
        {
            using var command = new SqliteCommand();
            return PreparedStatements(command) is not null && !Prepared(command);
        }
        catch (MissingFieldException)
        {
            return false;
        }
    }

    private sealed class StatementsOfConnection
    {
        private readonly Dictionary<string, LinkedListNode<(string Text, (sqlite3_stmt Statement, int ParameterCount)[] Statements)>> _byText = new(StringComparer.Ordinal);
        private readonly LinkedList<(string Text, (sqlite3_stmt Statement, int ParameterCount)[] Statements)> _leastRecentFirst = new();
        private readonly Lock _lock = new();

        public int Count
        {
            get
            {
                lock (_lock)
                {
                    return _byText.Count;
                }
            }
        }

        public (sqlite3_stmt Statement, int ParameterCount)[]? TryTake(string text)
        {
            lock (_lock)
            {
                if (!_byText.Remove(text, out var node))
                {
                    return null;
                }

                _leastRecentFirst.Remove(node);
                return node.Value.Statements;
            }
        }

        public void Put(string text, (sqlite3_stmt Statement, int ParameterCount)[] statements)
        {
            (sqlite3_stmt Statement, int ParameterCount)[]? surplus = null;
            lock (_lock)
            {
                if (_byText.ContainsKey(text))
                {
                    // Two commands with the same text ran side by side on this connection; one set is enough.
                    surplus = statements;
                }
                else
                {
                    if (_byText.Count == TextsPerConnection)
                    {
                        var oldest = _leastRecentFirst.First!;
                        _leastRecentFirst.RemoveFirst();
                        _byText.Remove(oldest.Value.Text);
                        surplus = oldest.Value.Statements;
                    }

                    _byText[text] = _leastRecentFirst.AddLast((text, statements));
                }
            }

            foreach (var statement in surplus ?? [])
            {
                statement.Statement.Dispose();
            }
        }
    }
}
