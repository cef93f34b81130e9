using System.Data.Common;
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
    private const string Pragmas = "PRAGMA busy_timeout = 5000; PRAGMA synchronous = NORMAL;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
