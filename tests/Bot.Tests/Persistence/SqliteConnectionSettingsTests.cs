using Bot.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Bot.Tests.Persistence;

/// <summary>
/// The busy timeout and synchronous mode are set once per native connection; a connection the driver's pool hands out
/// again must still have them, or writers would fall back to the driver's 150 ms busy retries.
/// </summary>
public sealed class SqliteConnectionSettingsTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"bot-pragmas-{Guid.NewGuid():N}.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        File.Delete(_file);
    }

    [Fact]
    public async Task A_pooled_connection_opened_again_keeps_its_busy_timeout_and_synchronous_mode()
    {
        var settings = new SqliteConnectionSettings();
        var options = new DbContextOptionsBuilder<SqliteBotDbContext>().UseSqlite($"Data Source={_file}").AddInterceptors(settings).Options;

        for (var lease = 0; lease < 3; lease++)
        {
            await using var db = new SqliteBotDbContext(options);
            await db.Database.OpenConnectionAsync();
            Assert.Equal((5000L, 1L), (await PragmaAsync(db, "busy_timeout"), await PragmaAsync(db, "synchronous")));
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task<long> PragmaAsync(SqliteBotDbContext db, string pragma)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = $"PRAGMA {pragma}";
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
