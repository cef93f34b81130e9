using System.Globalization;
using Bot.Delivery;
using Bot.Persistence;
using Bot.Reminders;
using Microsoft.Data.Sqlite;

namespace Bot.IntegrationTests;

/// <summary>
/// The workers run a pass after every change (each decision wakes both), so what a pass reads must not grow with the
/// history: its claim goes through an index to the few rows that have work, never over every post or message. Asked of
/// SQLite's planner on the bot's real schema; PostgreSQL plans by statistics, which an empty test database has none of.
/// </summary>
public sealed class WorkerStatementPlanTests : IAsyncLifetime
{
    private readonly TestDatabase _database = TestDatabase.New(DatabaseProvider.Sqlite);
    private SqliteConnection _connection = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_database.SqlitePath)!);
        _connection = new SqliteConnection(_database.ConnectionString);
        await _connection.OpenAsync();
        await SchemaMigrations.ApplyAsync(_connection, DatabaseProvider.Sqlite, CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _connection.DisposeAsync();
        await _database.DropAsync();
    }

    [Fact]
    public async Task The_reminder_workers_claim_reads_the_posts_that_are_behind_not_every_post()
    {
        var plan = await PlanAsync(ReminderSyncWorker.ClaimBehindStatement(postgres: false));

        Assert.Contains(plan, step => step.Contains("IX_Posts_RemindersBehind", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, step => IsScanOf("Posts", step) && !step.Contains("IX_Posts_RemindersBehind", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_outboxs_claim_reads_the_pending_messages_not_every_message()
    {
        var plan = await PlanAsync(OutboxWorker.ClaimDueStatement(postgres: false));

        Assert.Contains(plan, step => step.Contains("IX_OutboundMessages_State_NextAttemptAt", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, step => IsScanOf("OutboundMessages", step));
    }

    // "SCAN Posts" (or "SCAN TABLE Posts" in older SQLite) reads the table or an index from end to end; "SEARCH" goes by key.
    private static bool IsScanOf(string table, string step) =>
        step.StartsWith($"SCAN {table}", StringComparison.Ordinal) || step.StartsWith($"SCAN TABLE {table}", StringComparison.Ordinal);

    /// <summary>SQLite's plan for a worker's statement, one step per row, its {0}… parameters bound as @p0….</summary>
    private async Task<List<string>> PlanAsync(string statement)
    {
        var names = Enumerable.Range(0, 4).Select(i => (object)$"@p{i}").ToArray();
        await using var explain = _connection.CreateCommand();
        explain.CommandText = "EXPLAIN QUERY PLAN " + string.Format(CultureInfo.InvariantCulture, statement, names);
        foreach (var name in names)
        {
            explain.Parameters.AddWithValue((string)name, DBNull.Value);
        }

        var steps = new List<string>();
        await using var reader = await explain.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            steps.Add(reader.GetString(reader.GetOrdinal("detail")));
        }

        Assert.NotEmpty(steps);
        return steps;
    }
}
