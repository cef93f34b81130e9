using System.Diagnostics.Metrics;
using Bot.Persistence;
using Bot.Telemetry;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Bot.Tests.Persistence;

/// <summary>
/// The turn ledger's writes on SQLite share commits: what queues while a commit runs goes into the next one, and each
/// caller still learns its own statement's outcome once it is committed. The write gate held by the test stands for a
/// turn's save in progress, which makes claims pile up exactly as they do under load.
/// </summary>
public sealed class SqliteGroupCommitTests : IDisposable
{
    private const string Claim = "INSERT INTO \"Claims\" (\"Key\", \"Note\") VALUES (@p0, @p1) ON CONFLICT DO NOTHING";

    private readonly string _file = Path.Combine(Path.GetTempPath(), $"bot-group-commit-{Guid.NewGuid():N}.db");
    private readonly SqliteWriteGate _gate = new();
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().AddSingleton<BotMetrics>().BuildServiceProvider();
    private readonly MetricCollector<long> _commits;
    private readonly SqliteGroupCommit _groupCommit;

    public SqliteGroupCommitTests()
    {
        using (var connection = Open())
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "PRAGMA journal_mode = WAL; CREATE TABLE \"Claims\" (\"Key\" TEXT PRIMARY KEY, \"Note\" TEXT NOT NULL)";
            command.ExecuteNonQuery();
        }

        _commits = new MetricCollector<long>(_services.GetRequiredService<IMeterFactory>(), BotMetrics.MeterName, "bot.db.group_commit.statements");
        _groupCommit = new SqliteGroupCommit(
            Options.Create(new BotConnectionString { Value = $"Data Source={_file}" }),
            _gate,
            _services.GetRequiredService<BotMetrics>(),
            NullLogger<SqliteGroupCommit>.Instance);
    }

    public void Dispose()
    {
        _groupCommit.Dispose();
        _commits.Dispose();
        _services.Dispose();
        SqliteConnection.ClearAllPools();
        File.Delete(_file);
    }

    [Fact]
    public async Task Writes_that_queue_while_another_writer_holds_the_gate_share_one_commit_and_each_caller_gets_its_own_answer()
    {
        Assert.Equal(1, await _groupCommit.ExecuteAsync(Claim, ["idle", "x"]));
        Task<int> first;
        var queued = new List<(string Key, Task<int> Changed)>();
        using (await _gate.HoldAsync(CancellationToken.None))
        {
            first = _groupCommit.ExecuteAsync(Claim, ["first", "x"]);
            foreach (var key in new[] { "a", "b", "c", "a", "d" })
            {
                queued.Add((key, _groupCommit.ExecuteAsync(Claim, [key, "x"])));
            }

            await Task.Delay(200);
            Assert.False(first.IsCompleted, "nothing commits while another writer holds the gate");
        }

        Assert.Equal(1, await first);
        var changed = await Task.WhenAll(queued.Select(q => q.Changed));
        Assert.Equal([1, 1, 1, 0, 1], changed);
        Assert.Equal(6, Count());
        // A write to an idle writer goes on its own; all that queued while another writer held the gate share one commit.
        long[] statementsPerCommit = [.. _commits.GetMeasurementSnapshot().Select(m => m.Value)];
        Assert.Equal([1L, 6L], statementsPerCommit);
    }

    [Fact]
    public async Task A_statement_that_fails_fails_its_own_caller_and_the_others_of_its_commit_still_commit()
    {
        Task<int>[] writes;
        using (await _gate.HoldAsync(CancellationToken.None))
        {
            writes =
            [
                _groupCommit.ExecuteAsync(Claim, ["first", "x"]),
                _groupCommit.ExecuteAsync(Claim, ["before", "x"]),
                _groupCommit.ExecuteAsync(Claim, ["broken", DBNull.Value]),
                _groupCommit.ExecuteAsync(Claim, ["after", "x"]),
            ];
            await Task.Delay(200);
        }

        Assert.Equal(1, await writes[0]);
        Assert.Equal(1, await writes[1]);
        var failure = await Assert.ThrowsAsync<SqliteException>(() => writes[2]);
        Assert.Contains("NOT NULL", failure.Message, StringComparison.Ordinal);
        Assert.Equal(1, await writes[3]);
        Assert.Equal(3, Count());
        Assert.Equal(4L, Assert.Single(_commits.GetMeasurementSnapshot()).Value);
    }

    [Fact]
    public async Task A_write_is_visible_to_every_other_connection_once_its_task_completes()
    {
        Assert.Equal(1, await _groupCommit.ExecuteAsync(Claim, ["seen", "x"]));

        Assert.Equal(1, Count());
    }

    [Fact]
    public async Task Writes_queued_when_the_bot_stops_are_committed_before_it_goes()
    {
        Task<int>[] writes;
        var release = await _gate.HoldAsync(CancellationToken.None);
        writes = [.. Enumerable.Range(0, 10).Select(i => _groupCommit.ExecuteAsync(Claim, [$"late-{i}", "x"]))];
        await Task.Delay(100);

        var stopping = Task.Run(_groupCommit.Dispose);
        await Task.Delay(100);
        release.Dispose();
        await stopping;

        Assert.All(await Task.WhenAll(writes), changed => Assert.Equal(1, changed));
        Assert.Equal(10, Count());
        await Assert.ThrowsAsync<ObjectDisposedException>(() => _groupCommit.ExecuteAsync(Claim, ["too-late", "x"]));
    }

    private long Count()
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM \"Claims\"";
        return (long)command.ExecuteScalar()!;
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection($"Data Source={_file}");
        connection.Open();
        return connection;
    }
}
