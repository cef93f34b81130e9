using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Bot.Persistence;

/// <summary>
/// Brings the database to the current schema before the first request is served; a failure stops start-up loudly
/// rather than letting the bot answer with a broken store.
/// </summary>
internal sealed partial class DatabaseInitializer(IServiceScopeFactory scopeFactory, ILogger<DatabaseInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var database = scope.ServiceProvider.GetRequiredService<BotDbContext>();

        var dataSource = new SqliteConnectionStringBuilder(database.Database.GetConnectionString()).DataSource;
        if (Path.GetDirectoryName(dataSource) is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
        }

        await database.Database.MigrateAsync(cancellationToken);

        // Write-ahead logging lets readers go on while one request writes; without it, the two activities Teams sends
        // for one install block each other. The mode is stored in the file, so this is set once.
        await database.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);

        // The scheduler's hosted service starts after this one and refuses to start without its tables.
        await Reminders.JobStoreSchema.CreateAsync(database.Database.GetDbConnection(), DatabaseProvider.Sqlite, cancellationToken);
        LogDatabaseReady(logger, "SQLite", dataSource);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "{Provider} database ready at {DataSource}")]
    private static partial void LogDatabaseReady(ILogger logger, string provider, string dataSource);
}
