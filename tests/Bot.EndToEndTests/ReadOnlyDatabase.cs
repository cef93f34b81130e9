using Microsoft.Data.Sqlite;

namespace Bot.EndToEndTests;

/// <summary>Reads the running bot's SQLite file beside it, read-only and unpooled, so the test never holds the file open.</summary>
internal static class ReadOnlyDatabase
{
    public static List<T> Query<T>(string databasePath, string sql, Func<SqliteDataReader, T> read, params (string Name, object Value)[] parameters)
    {
        using var connection = new SqliteConnection($"Data Source={databasePath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
        {
            rows.Add(read(reader));
        }

        return rows;
    }
}
