using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Bot.Persistence;

/// <summary>
/// Brings the database to the current schema (<see cref="SchemaMigrations"/>) before the first request is served; a
/// failure stops start-up loudly rather than letting the bot answer with a broken store.
/// </summary>
internal sealed partial class DatabaseInitializer(IServiceScopeFactory scopeFactory, ILogger<DatabaseInitializer> logger) : IHostedService
{
    // Any fixed number works; it only has to be the same in every instance of the bot.
    private const long SchemaLockKey = 0x5343_4845_4d41;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var database = scope.ServiceProvider.GetRequiredService<BotDbContext>();
        if (database.Database.IsNpgsql())
        {
            await InitializePostgresAsync(database, cancellationToken);
        }
        else
        {
            await InitializeSqliteAsync(database, cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task InitializeSqliteAsync(BotDbContext database, CancellationToken cancellationToken)
    {
        var dataSource = new SqliteConnectionStringBuilder(database.Database.GetConnectionString()).DataSource;
        if (Path.GetDirectoryName(dataSource) is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
        }

        // Opened through EF, not by SchemaMigrations, so the connection gets the bot's pragmas (SqliteConnectionSettings):
        // with the busy timeout, a second process starting on the same file waits for the first one's migration.
        await database.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await SchemaMigrations.ApplyAsync(database.Database.GetDbConnection(), DatabaseProvider.Sqlite, cancellationToken);
        }
        finally
        {
            await database.Database.CloseConnectionAsync();
        }

        // Write-ahead logging lets readers go on while one request writes; without it, the two activities Teams sends
        // for one install block each other. The mode is stored in the file, so this is set once.
        await database.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);

        // A SQLite file has one bot process, so outbox claims found at start are what a killed earlier life left
        // behind: they are released now instead of holding their messages back until the lease ends.
        await database.OutboundMessages.Where(m => m.ClaimedBy != null)
            .ExecuteUpdateAsync(m => m.SetProperty(x => x.ClaimedBy, (string?)null).SetProperty(x => x.ClaimedUntil, (DateTimeOffset?)null), cancellationToken);

        // The scheduler's hosted service starts after this one and refuses to start without its tables.
        await Scheduling.JobStoreSchema.CreateAsync(database.Database.GetDbConnection(), DatabaseProvider.Sqlite, cancellationToken);
        LogDatabaseReady(logger, "SQLite", dataSource);
    }

    /// <summary>
    /// Instances that start together would otherwise race through the same CREATE statements (PostgreSQL's
    /// IF NOT EXISTS is not safe against a concurrent creator); a session lock lets one do it and the others find it done.
    /// </summary>
    private async Task InitializePostgresAsync(BotDbContext database, CancellationToken cancellationToken)
    {
        await database.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await database.Database.ExecuteSqlRawAsync("SELECT pg_advisory_lock({0})", [SchemaLockKey], cancellationToken);
            try
            {
                await SchemaMigrations.ApplyAsync(database.Database.GetDbConnection(), DatabaseProvider.Postgres, cancellationToken);
                await Scheduling.JobStoreSchema.CreateAsync(database.Database.GetDbConnection(), DatabaseProvider.Postgres, cancellationToken);
            }
            finally
            {
                await database.Database.ExecuteSqlRawAsync("SELECT pg_advisory_unlock({0})", [SchemaLockKey], CancellationToken.None);
            }
        }
        finally
        {
            await database.Database.CloseConnectionAsync();
        }

        var connection = new NpgsqlConnectionStringBuilder(database.Database.GetConnectionString());
        LogDatabaseReady(logger, "PostgreSQL", $"{connection.Host}:{connection.Port}/{connection.Database}");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Provider} database ready at {DataSource}")]
    private static partial void LogDatabaseReady(ILogger logger, string provider, string dataSource);
}
