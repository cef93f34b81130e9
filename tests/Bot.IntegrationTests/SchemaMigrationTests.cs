using System.Data.Common;
using Bot.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design.Internal;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Scaffolding;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.IntegrationTests;

/// <summary>
/// The bot applies its migrations from generated SQL scripts and runs on generated compiled models (scripts/database-code.sh);
/// these tests hold both to what EF Core makes of the code now, and the scripts to what EF Core's migrator does.
/// </summary>
public sealed partial class SchemaMigrationTests
{
    private const string Regenerate = "Run scripts/database-code.sh and commit what it changes.";

    public static TheoryData<DatabaseProvider> Providers => [DatabaseProvider.Sqlite, DatabaseProvider.Postgres];

    [Theory]
    [MemberData(nameof(Providers))]
    public void Each_migration_has_the_script_EF_Core_generates_for_it(DatabaseProvider provider)
    {
        using var context = DesignTimeContext(provider);
        var migrator = context.GetService<IMigrator>();
        var expected = context.Database.GetMigrations().ToList();

        Assert.True(expected.SequenceEqual(SchemaMigrations.All(provider).Select(m => m.Id)), Regenerate);
        var previous = Migration.InitialDatabase;
        foreach (var migration in SchemaMigrations.All(provider))
        {
            var generated = migrator.GenerateScript(previous, migration.Id, MigrationsSqlGenerationOptions.NoTransactions);
            Assert.True(Normalized(generated) == Normalized(migration.Script), $"{migration.Id}: {Regenerate}");
            previous = migration.Id;
        }
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void The_model_has_no_change_that_no_migration_holds(DatabaseProvider provider)
    {
        using var context = DesignTimeContext(provider);

        Assert.False(context.Database.HasPendingModelChanges(), "Add a migration: scripts/database-code.sh add <Name>");
    }

#pragma warning disable EF1001 // The design-time services are what `dotnet ef dbcontext optimize` builds; there is no public entry.
    [Theory]
    [MemberData(nameof(Providers))]
    public void The_compiled_model_is_what_EF_Core_generates_from_the_code_now(DatabaseProvider provider)
    {
        using var context = DesignTimeContext(provider);
        var assembly = typeof(BotDbContext).Assembly;
        var services = new DesignTimeServicesBuilder(assembly, assembly, new OperationReporter(handler: null), []).Build(context);
        var options = new CompiledModelCodeGenerationOptions
        {
            ContextType = context.GetType(),
            ModelNamespace = $"Bot.Persistence.CompiledModels.{provider}",
            Language = "C#",
            UseNullableReferenceTypes = true,
        };
        var generated = services.GetRequiredService<ICompiledModelCodeGeneratorSelector>().Select(options)
            .GenerateModel(context.GetService<IDesignTimeModel>().Model, options)
            .ToDictionary(file => file.Path, file => WithoutModelId(Normalized(file.Code)));

        var folder = Path.Combine(RepositoryFiles.Root, "bot", "Bot", "Persistence", "CompiledModels", provider.ToString());
        var committed = Directory.GetFiles(folder, "*.cs").ToDictionary(path => Path.GetFileName(path), path => WithoutModelId(Normalized(File.ReadAllText(path))));

        Assert.True(generated.Keys.Order().SequenceEqual(committed.Keys.Order()), Regenerate);
        var stale = generated.Where(file => file.Value != committed[file.Key]).Select(file => file.Key).ToList();
        Assert.True(stale.Count == 0, $"{string.Join(", ", stale)}: {Regenerate}");
    }
#pragma warning restore EF1001

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_fresh_database_gets_the_schema_and_history_EF_Cores_migrator_makes(DatabaseProvider provider)
    {
        var byEfCore = await NewDatabaseAsync(provider);
        var byScripts = await NewDatabaseAsync(provider);
        try
        {
            await using (var context = byEfCore.OpenContext())
            {
                await context.Database.MigrateAsync();
            }

            await using var connection = await byScripts.OpenConnectionAsync();
            var applied = await SchemaMigrations.ApplyAsync(connection, provider, CancellationToken.None);

            Assert.Equal(SchemaMigrations.All(provider).Count, applied);
            await using var reference = await byEfCore.OpenConnectionAsync();
            Assert.Equal(await SchemaAsync(reference, provider), await SchemaAsync(connection, provider));
            Assert.Equal(await HistoryAsync(reference), await HistoryAsync(connection));
            Assert.Empty(await SchemaMigrations.PendingAsync(connection, provider, CancellationToken.None));
        }
        finally
        {
            await byEfCore.DropAsync();
            await byScripts.DropAsync();
        }
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_database_EF_Core_migrated_part_of_the_way_gets_the_rest_and_one_it_migrated_all_the_way_nothing(DatabaseProvider provider)
    {
        var database = await NewDatabaseAsync(provider);
        var complete = await NewDatabaseAsync(provider);
        try
        {
            var all = SchemaMigrations.All(provider);
            var halfway = all[all.Count / 2].Id;
            await using (var context = database.OpenContext())
            {
                await context.GetService<IMigrator>().MigrateAsync(halfway);
            }

            await using (var context = complete.OpenContext())
            {
                await context.Database.MigrateAsync();
            }

            await using var connection = await database.OpenConnectionAsync();
            Assert.Equal(all.Count - (all.Count / 2) - 1, await SchemaMigrations.ApplyAsync(connection, provider, CancellationToken.None));
            await using var reference = await complete.OpenConnectionAsync();
            Assert.Equal(await SchemaAsync(reference, provider), await SchemaAsync(connection, provider));
            Assert.Equal(0, await SchemaMigrations.ApplyAsync(reference, provider, CancellationToken.None));
        }
        finally
        {
            await database.DropAsync();
            await complete.DropAsync();
        }
    }

    [Fact]
    public async Task Two_bots_starting_on_one_new_SQLite_file_apply_each_migration_once()
    {
        var database = await NewDatabaseAsync(DatabaseProvider.Sqlite);
        try
        {
            await using var first = await database.OpenConnectionAsync();
            await using var second = await database.OpenConnectionAsync();

            var applied = await Task.WhenAll(
                Task.Run(() => SchemaMigrations.ApplyAsync(first, DatabaseProvider.Sqlite, CancellationToken.None)),
                Task.Run(() => SchemaMigrations.ApplyAsync(second, DatabaseProvider.Sqlite, CancellationToken.None)));

            Assert.Equal(SchemaMigrations.All(DatabaseProvider.Sqlite).Count, applied.Sum());
            Assert.Equal(SchemaMigrations.All(DatabaseProvider.Sqlite).Select(m => m.Id), await HistoryAsync(first));
        }
        finally
        {
            await database.DropAsync();
        }
    }

    private static BotDbContext DesignTimeContext(DatabaseProvider provider) => provider == DatabaseProvider.Postgres
        ? new PostgresDesignTimeDbContextFactory().CreateDbContext([])
        : new SqliteDesignTimeDbContextFactory().CreateDbContext([]);

    /// <summary>An empty database: on PostgreSQL created, on SQLite a folder where the file will be.</summary>
    private static async Task<TestDatabase> NewDatabaseAsync(DatabaseProvider provider)
    {
        var database = TestDatabase.New(provider);
        await database.CreateAsync();
        if (provider == DatabaseProvider.Sqlite)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(database.SqlitePath)!);
        }

        return database;
    }

    // Each generation gives the model a new random id; it only tells two models apart at run time.
    private static string WithoutModelId(string code) => ModelId().Replace(code, "modelId: new Guid(…)");

    [System.Text.RegularExpressions.GeneratedRegex("""modelId: new Guid\("[0-9a-f-]{36}"\)""")]
    private static partial System.Text.RegularExpressions.Regex ModelId();

    private static string Normalized(string text) => text.Trim('\uFEFF').ReplaceLineEndings("\n").Trim();

    /// <summary>Tables, columns, indexes and constraints as the database describes them, sorted; EF Core's migration lock table left out.</summary>
    private static async Task<List<string>> SchemaAsync(DbConnection connection, DatabaseProvider provider)
    {
        var query = provider == DatabaseProvider.Postgres
            ? """
              SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable || ' ' || coalesce(column_default, '')
                FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '__EFMigrationsLock'
              UNION ALL SELECT 'index ' || indexdef FROM pg_indexes WHERE schemaname = 'public'
              UNION ALL SELECT 'constraint ' || conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid)
                FROM pg_constraint WHERE connamespace = 'public'::regnamespace
              """
            : "SELECT type || ' ' || name || ' ' || coalesce(sql, '') FROM sqlite_master WHERE name NOT IN ('__EFMigrationsLock', 'sqlite_sequence')";
        await using var command = connection.CreateCommand();
        command.CommandText = query;
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0).ReplaceLineEndings("\n"));
        }

        return [.. rows.Order(StringComparer.Ordinal)];
    }

    private static async Task<List<string>> HistoryAsync(DbConnection connection)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT \"MigrationId\" FROM \"__EFMigrationsHistory\" ORDER BY \"MigrationId\"";
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }
}
