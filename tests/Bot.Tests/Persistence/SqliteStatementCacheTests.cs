using Bot.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Bot.Tests.Persistence;

/// <summary>
/// A statement is prepared once per native connection and text, and then runs again for every command with that text,
/// whichever <see cref="SqliteConnection"/> the driver's pool lent the native connection to. What the driver promises
/// for a command prepared once and run many times must hold: fresh parameters, a failure that leaves the statement
/// usable, a schema that changed.
/// </summary>
public sealed class SqliteStatementCacheTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"bot-statements-{Guid.NewGuid():N}.db");

    public SqliteStatementCacheTests()
    {
        using var connection = Open();
        Execute(connection, "CREATE TABLE Channels (Id INTEGER PRIMARY KEY, Name TEXT NOT NULL)");
        Execute(connection, "INSERT INTO Channels VALUES (1, 'LinkedIn'), (2, 'Xing'), (3, 'Instagram')");
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        File.Delete(_file);
    }

    [Fact]
    public void The_driver_still_keeps_a_commands_statements_where_the_cache_reads_them()
    {
        Assert.True(SqliteStatementCache.Supported, "Microsoft.Data.Sqlite changed the fields the statement cache reads; every command prepares again");
    }

    [Fact]
    public void The_same_text_runs_on_the_statement_prepared_first_with_each_commands_own_parameters_on_every_lease_of_the_pool()
    {
        var statements = new List<SQLitePCL.sqlite3_stmt>();
        var names = new List<string>();
        foreach (var id in new[] { 1, 2, 3 })
        {
            // A new SqliteConnection each time, as EF opens one per query; the pool lends it the same native connection.
            using var connection = Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT Name FROM Channels WHERE Id = $id";
            command.Parameters.AddWithValue("$id", id);
            using var reader = command.ExecuteReader();
            Assert.True(reader.Read());
            names.Add(reader.GetString(0));
            statements.Add(reader.Handle!);
        }

        Assert.Equal(["LinkedIn", "Xing", "Instagram"], names);
        Assert.All(statements, statement => Assert.Same(statements[0], statement));
    }

    [Fact]
    public void A_statement_that_failed_runs_again_and_a_text_of_several_statements_runs_whole_each_time()
    {
        using var connection = Open();
        var kept = SqliteStatementCache.CountFor(connection.Handle!);
        const string Insert = "INSERT INTO Channels (Id, Name) VALUES ($id, $name); SELECT changes();";

        Assert.Equal(1L, Scalar(connection, Insert, ("$id", 4), ("$name", "TikTok")));
        var duplicate = Assert.Throws<SqliteException>(() => Scalar(connection, Insert, ("$id", 4), ("$name", "YouTube")));
        Assert.Equal(19, duplicate.SqliteErrorCode); // SQLITE_CONSTRAINT
        Assert.Equal(1L, Scalar(connection, Insert, ("$id", 5), ("$name", "YouTube")));

        Assert.Equal(["LinkedIn", "Xing", "Instagram", "TikTok", "YouTube"], Names(connection));
        Assert.Equal(kept + 2, SqliteStatementCache.CountFor(connection.Handle!));
    }

    [Fact]
    public void A_kept_statement_sees_a_column_added_after_it_was_prepared()
    {
        using var connection = Open();
        Assert.Equal(2, FieldCount(connection));

        Execute(connection, "ALTER TABLE Channels ADD COLUMN Colour TEXT NOT NULL DEFAULT 'blue'");

        Assert.Equal(3, FieldCount(connection));
    }

    [Fact]
    public void A_native_connection_keeps_statements_for_no_more_texts_than_its_bound()
    {
        using var connection = Open();
        var handle = connection.Handle!;
        for (var text = 0; text <= SqliteStatementCache.TextsPerConnection; text++)
        {
            Assert.Equal((long)text, Scalar(connection, $"SELECT {text}"));
        }

        Assert.Equal(SqliteStatementCache.TextsPerConnection, SqliteStatementCache.CountFor(handle));
    }

    [Fact]
    public async Task The_bots_database_context_queries_through_the_caching_connection()
    {
        var options = new DbContextOptionsBuilder<SqliteBotDbContext>().UseSqlite($"Data Source={_file}").AddInterceptors(new SqliteConnectionSettings()).Options;
        await using var db = new SqliteBotDbContext(options);

        var connection = Assert.IsType<StatementCachingSqliteConnection>(db.Database.GetDbConnection());
        await db.Database.OpenConnectionAsync();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT count(*) FROM Channels";
            Assert.Equal(3L, await command.ExecuteScalarAsync());
        }

        Assert.True(SqliteStatementCache.CountFor(connection.Handle!) >= 1);
    }

    private StatementCachingSqliteConnection Open()
    {
        var connection = new StatementCachingSqliteConnection($"Data Source={_file}");
        connection.Open();
        return connection;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static object? Scalar(SqliteConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command.ExecuteScalar();
    }

    private static List<string> Names(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT Name FROM Channels ORDER BY Id";
        using var reader = command.ExecuteReader();
        var names = new List<string>();
        while (reader.Read())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    private static int FieldCount(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT * FROM Channels";
        using var reader = command.ExecuteReader();
        return reader.FieldCount;
    }
}
