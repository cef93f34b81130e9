using System.Data.Common;
using Bot.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Bot.IntegrationTests;

/// <summary>
/// The database a test's bot runs on. <c>BOT_TEST_DATABASE</c> chooses the provider (<c>Sqlite</c>, the default, or
/// <c>Postgres</c>); on PostgreSQL every test gets a database of its own on the server <c>BOT_TEST_POSTGRES</c> points
/// at (scripts/test.sh starts a throwaway one), created here and dropped afterwards, so tests stay independent and
/// can run in parallel as they do on SQLite files.
/// </summary>
public sealed class TestDatabase
{
    public const string ProviderVariable = "BOT_TEST_DATABASE";
    public const string ServerVariable = "BOT_TEST_POSTGRES";

    private readonly string _sqliteFolder;

    private TestDatabase(DatabaseProvider provider, string sqliteFolder, string? postgresName)
    {
        Provider = provider;
        _sqliteFolder = sqliteFolder;
        PostgresName = postgresName;
    }

    public DatabaseProvider Provider { get; }

    /// <summary>The PostgreSQL database's name; null on SQLite.</summary>
    public string? PostgresName { get; }

    public string SqlitePath => Path.Combine(_sqliteFolder, "nested", "bot.db");

    public static DatabaseProvider ConfiguredProvider =>
        Environment.GetEnvironmentVariable(ProviderVariable) switch
        {
            null or "" or "Sqlite" => DatabaseProvider.Sqlite,
            "Postgres" => DatabaseProvider.Postgres,
            var other => throw new InvalidOperationException($"{ProviderVariable}={other}: use Sqlite or Postgres."),
        };

    /// <summary>The PostgreSQL server's maintenance connection string; a missing one fails the test, it never skips it.</summary>
    public static string PostgresServer =>
        Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } server
            ? server
            : throw new InvalidOperationException(
                $"{ServerVariable} is not set: the PostgreSQL tests need a server. scripts/test.sh starts a throwaway one; or set {ServerVariable} to a connection string of a server where this user may create databases.");

    public static TestDatabase New(DatabaseProvider? provider = null, string? sqliteFolder = null)
    {
        var chosen = provider ?? ConfiguredProvider;
        var folder = sqliteFolder ?? Path.Combine(Path.GetTempPath(), "bot-tests", Guid.NewGuid().ToString("N"));
        return new TestDatabase(chosen, folder, chosen == DatabaseProvider.Postgres ? "bot_test_" + Guid.NewGuid().ToString("N") : null);
    }

    public string ConnectionString => Provider == DatabaseProvider.Postgres
        ? new NpgsqlConnectionStringBuilder(PostgresServer) { Database = PostgresName }.ConnectionString
        : $"Data Source={SqlitePath}";

    /// <summary>The settings that put a bot on this database, as configuration keys.</summary>
    public IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        new("Database:Provider", Provider.ToString()),
        new("ConnectionStrings:Bot", ConnectionString),
    ];

    public async Task CreateAsync()
    {
        if (Provider != DatabaseProvider.Postgres)
        {
            return;
        }

        await using var server = new NpgsqlConnection(PostgresServer);
        await server.OpenAsync();
        await using var create = server.CreateCommand();
        create.CommandText = $"CREATE DATABASE \"{PostgresName}\"";
        await create.ExecuteNonQueryAsync();
    }

    public async Task DropAsync()
    {
        if (Provider != DatabaseProvider.Postgres)
        {
            SqliteConnection.ClearAllPools();
            if (Directory.Exists(_sqliteFolder))
            {
                Directory.Delete(_sqliteFolder, recursive: true);
            }

            return;
        }

        NpgsqlConnection.ClearAllPools();
        await using var server = new NpgsqlConnection(PostgresServer);
        await server.OpenAsync();
        await using var drop = server.CreateCommand();
        // FORCE: the scheduler's own pool may still hold a connection for a moment after the host stopped.
        drop.CommandText = $"DROP DATABASE IF EXISTS \"{PostgresName}\" WITH (FORCE)";
        await drop.ExecuteNonQueryAsync();
    }

    /// <summary>A context on this database from outside any bot, as an operator's tool would open it.</summary>
    public BotDbContext OpenContext() => Provider == DatabaseProvider.Postgres
        ? new PostgresBotDbContext(new DbContextOptionsBuilder<PostgresBotDbContext>().UseNpgsql(ConnectionString).Options)
        : new SqliteBotDbContext(new DbContextOptionsBuilder<SqliteBotDbContext>().UseSqlite(ConnectionString).Options);

    /// <summary>A plain ADO.NET connection, opened, for tests that look past the model at every table.</summary>
    public async Task<DbConnection> OpenConnectionAsync()
    {
        DbConnection connection = Provider == DatabaseProvider.Postgres ? new NpgsqlConnection(ConnectionString) : new SqliteConnection(ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    /// <summary>The tables of the bot's database (the public schema on PostgreSQL).</summary>
    public async Task<List<string>> TableNamesAsync(DbConnection connection)
    {
        await using var list = connection.CreateCommand();
        list.CommandText = Provider == DatabaseProvider.Postgres
            ? "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'"
            : "SELECT name FROM sqlite_master WHERE type = 'table'";
        var tables = new List<string>();
        await using var reader = await list.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            tables.Add(reader.GetString(0));
        }

        return tables;
    }

    /// <summary>
    /// Every value of every row of every table as text (binary columns read as UTF-8), one <c>table.column=value</c>
    /// line each: for tests that must prove something is nowhere in the database, whatever the model says.
    /// </summary>
    public async Task<string> EverythingAsTextAsync()
    {
        await using var connection = await OpenConnectionAsync();
        var text = new System.Text.StringBuilder();
        foreach (var table in await TableNamesAsync(connection))
        {
            await using var select = connection.CreateCommand();
            select.CommandText = $"SELECT * FROM \"{table}\"";
            await using var reader = await select.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    var value = reader.IsDBNull(i) ? string.Empty : reader.GetValue(i) switch
                    {
                        byte[] blob => System.Text.Encoding.UTF8.GetString(blob),
                        var other => Convert.ToString(other, System.Globalization.CultureInfo.InvariantCulture),
                    };
                    text.Append(table).Append('.').Append(reader.GetName(i)).Append('=').Append(value).Append('\n');
                }
            }
        }

        return text.ToString();
    }
}
