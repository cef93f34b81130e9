using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Bot.Persistence;

/// <summary>
/// Per-connection SQLite settings. A busy timeout lets SQLite wait for the write lock with its own short back-off
/// instead of failing into the driver's 150 ms retry sleep (measured: half the bot's thread time under load went
/// there). With WAL, synchronous=NORMAL no longer syncs on every commit; a killed process still loses nothing that
/// was committed, only a power cut can lose the last commits.
/// </summary>
internal sealed class SqliteConnectionSettings : DbConnectionInterceptor
{
    internal const string Pragmas = "PRAGMA busy_timeout = 5000; PRAGMA synchronous = NORMAL;";

    // The pragmas belong to the native connection, which the driver's pool keeps open across many opens of a
    // SqliteConnection (EF opens and closes one per query): they are set once per native connection, not per query.
    private readonly ConditionalWeakTable<SQLitePCL.sqlite3, object> _configured = [];

    public override InterceptionResult<DbConnection> ConnectionCreating(ConnectionCreatingEventData eventData, InterceptionResult<DbConnection> result) =>
        InterceptionResult<DbConnection>.SuppressWithResult(new StatementCachingSqliteConnection(eventData.ConnectionString!));

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (IsConfigured(connection))
        {
            return;
        }

        using (var command = connection.CreateCommand())
        {
            command.CommandText = Pragmas;
            command.ExecuteNonQuery();
        }

        Configured(connection);
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (IsConfigured(connection))
        {
            return;
        }

        await using (var command = connection.CreateCommand())
        {
            command.CommandText = Pragmas;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        Configured(connection);
    }

    private bool IsConfigured(DbConnection connection) =>
        connection is SqliteConnection { Handle: { } handle } && _configured.TryGetValue(handle, out _);

    private void Configured(DbConnection connection)
    {
        if (connection is SqliteConnection { Handle: { } handle })
        {
            _configured.AddOrUpdate(handle, true);
        }
    }
}

/// <summary>
/// The same settings for connections EF does not open: Quartz's job store writes through its own connections, and
/// without them every trigger change waited for an fsync and fell into the driver's 150 ms busy retries.
/// </summary>
internal sealed class SqliteDataSourceWithSettings(string connectionString) : DbDataSource
{
    public override string ConnectionString => connectionString;

    protected override DbConnection CreateDbConnection() => new Connection(connectionString);

    private sealed class Connection(string connectionString) : StatementCachingSqliteConnection(connectionString)
    {
        // OpenAsync ends here too: the driver has no asynchronous open of its own.
        public override void Open()
        {
            base.Open();
            using var command = CreateCommand();
            command.CommandText = SqliteConnectionSettings.Pragmas;
            command.ExecuteNonQuery();
        }
    }
}
