using System.Data.Common;

namespace Bot.Scheduling;

/// <summary>
/// Quartz does not create its tables; the bot does, deliberately, at start-up and before the scheduler starts. The
/// script is the one Quartz ships for its own "create if missing" step, so every statement only creates what is
/// missing and running it on every start is safe. Each provider has its own script, taken from Quartz's.
/// </summary>
internal static class JobStoreSchema
{
    private const string StatementSeparator = "--;;";

    public static async Task CreateAsync(DbConnection connection, Persistence.DatabaseProvider provider, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var script = ScriptFor(provider);
        if (connection.State != System.Data.ConnectionState.Open)
        {
            await connection.OpenAsync(cancellationToken);
        }

        foreach (var statement in Statements(script))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = statement;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    internal static IEnumerable<string> Statements(string script) =>
        script.ReplaceLineEndings("\n")
            .Split("\n" + StatementSeparator + "\n")
            .Select(part => part.Trim())
            .Where(part => part.Split('\n').Any(line => line.Length > 0 && !line.StartsWith("--", StringComparison.Ordinal)));

    private static string ScriptFor(Persistence.DatabaseProvider provider)
    {
        var resource = provider switch
        {
            Persistence.DatabaseProvider.Sqlite => "Bot.Scheduling.QuartzSchema.sqlite.sql",
            Persistence.DatabaseProvider.Postgres => "Bot.Scheduling.QuartzSchema.postgres.sql",
            _ => throw new NotSupportedException($"No Quartz job store schema for the database provider '{provider}'."),
        };
        using var stream = typeof(JobStoreSchema).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The embedded Quartz schema {resource} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
