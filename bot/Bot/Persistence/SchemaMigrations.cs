using System.Data.Common;

namespace Bot.Persistence;

/// <summary>
/// Applies the EF Core migrations from the SQL scripts generated from them (<c>scripts/database-code.sh</c>, one script
/// per migration and provider, embedded in the assembly), instead of through EF Core's migrator at start.
/// </summary>
/// <remarks>
/// EF Core's migrator builds every migration's target model, and the model of the snapshot to compare with the code,
/// before it runs a statement: thousands of types and methods that stay loaded for the life of the process. Measured
/// under the ingress benchmark, together with the compiled models, that was 14–18 MB of the bot's peak memory. The
/// scripts are EF Core's own output for each migration; the tests fail while one differs from what EF Core generates
/// now, and while the model has changes no migration holds. The history table is EF Core's, with the same rows, so a
/// database migrated by an earlier version of the bot (or by <c>dotnet ef database update</c>) is recognised.
/// </remarks>
internal static class SchemaMigrations
{
    private const string HistoryTable = "__EFMigrationsHistory";

    /// <summary>Every migration of the provider, oldest first, with the script that applies it.</summary>
    public static IReadOnlyList<SchemaMigration> All(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.Postgres => Postgres.Value,
        _ => Sqlite.Value,
    };

    private static readonly Lazy<IReadOnlyList<SchemaMigration>> Sqlite = new(() => Load(DatabaseProvider.Sqlite));
    private static readonly Lazy<IReadOnlyList<SchemaMigration>> Postgres = new(() => Load(DatabaseProvider.Postgres));

    /// <summary>The migrations the database does not have yet, oldest first. Opens the connection if it is closed.</summary>
    public static async Task<IReadOnlyList<SchemaMigration>> PendingAsync(DbConnection connection, DatabaseProvider provider, CancellationToken cancellationToken)
    {
        var applied = await AppliedAsync(connection, provider, transaction: null, cancellationToken);
        return [.. All(provider).Where(migration => !applied.Contains(migration.Id))];
    }

    /// <summary>
    /// Applies each pending migration in a transaction of its own, with its history row. On SQLite the transaction
    /// takes the write lock before it looks, so a second process on the same file waits and then finds the migration
    /// done; on PostgreSQL the caller holds the schema lock. Returns how many were applied.
    /// </summary>
    public static async Task<int> ApplyAsync(DbConnection connection, DatabaseProvider provider, CancellationToken cancellationToken)
    {
        var applied = 0;
        foreach (var migration in await PendingAsync(connection, provider, cancellationToken))
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            if ((await AppliedAsync(connection, provider, transaction, cancellationToken)).Contains(migration.Id))
            {
                continue;
            }

            await using (var command = connection.CreateCommand())
            {
                command.Transaction = transaction;
                command.CommandText = migration.Script;
                await command.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            applied++;
        }

        return applied;
    }

    private static async Task<HashSet<string>> AppliedAsync(DbConnection connection, DatabaseProvider provider, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        if (connection.State != System.Data.ConnectionState.Open)
        {
            await connection.OpenAsync(cancellationToken);
        }

        await using var exists = connection.CreateCommand();
        exists.Transaction = transaction;
        exists.CommandText = provider == DatabaseProvider.Postgres
            ? $"SELECT to_regclass('\"{HistoryTable}\"') IS NOT NULL"
            : $"SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '{HistoryTable}')";
        if (!Convert.ToBoolean(await exists.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture))
        {
            return [];
        }

        await using var select = connection.CreateCommand();
        select.Transaction = transaction;
        select.CommandText = $"SELECT \"MigrationId\" FROM \"{HistoryTable}\"";
        var ids = new HashSet<string>(StringComparer.Ordinal);
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    private static IReadOnlyList<SchemaMigration> Load(DatabaseProvider provider)
    {
        var assembly = typeof(SchemaMigrations).Assembly;
        var prefix = ResourcePrefix(provider);
        return [.. assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(prefix, StringComparison.Ordinal) && name.EndsWith(".sql", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(name =>
            {
                using var reader = new StreamReader(assembly.GetManifestResourceStream(name)!);
                return new SchemaMigration(name[prefix.Length..^".sql".Length], reader.ReadToEnd());
            })];
    }

    internal static string ResourcePrefix(DatabaseProvider provider) => $"Bot.Persistence.Migrations.{provider}.Sql.";
}

/// <summary>One EF Core migration: its id (as in <c>__EFMigrationsHistory</c>) and the SQL that applies it and records it.</summary>
internal sealed record SchemaMigration(string Id, string Script);
