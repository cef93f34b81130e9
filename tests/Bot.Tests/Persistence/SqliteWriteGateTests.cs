using Bot.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Bot.Tests.Persistence;

/// <summary>The bot's SQLite writers queue on one gate; a writer that leaves in any way must give it back.</summary>
public sealed class SqliteWriteGateTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"bot-gate-{Guid.NewGuid():N}.db");
    private readonly SqliteWriteGate _gate = new();

    public SqliteWriteGateTests()
    {
        using var db = NewContext();
        db.Database.EnsureCreated();
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        File.Delete(_file);
    }

    [Fact]
    public async Task A_committed_transaction_gives_the_gate_back()
    {
        await using (var db = NewContext())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            Assert.False(_gate.IsFree);
            await db.Teams.Where(t => t.TeamId == "team").ExecuteDeleteAsync();
            await transaction.CommitAsync();
        }

        Assert.True(_gate.IsFree);
    }

    [Fact]
    public async Task A_transaction_abandoned_by_an_exception_gives_the_gate_back()
    {
        // The shape of every write transaction in the bot: `await using` the transaction, commit at the end. An exception
        // before the commit disposes it without a commit or a rollback event; the next writer must not wait for a gate
        // nobody holds (it would wait five seconds, every writer after it too).
        await Assert.ThrowsAsync<InvalidOperationException>(async () =>
        {
            await using var db = NewContext();
            await using var transaction = await db.Database.BeginTransactionAsync();
            await db.Teams.Where(t => t.TeamId == "team").ExecuteDeleteAsync();
            throw new InvalidOperationException("the turn failed before its commit");
        });

        Assert.True(_gate.IsFree);
    }

    private SqliteBotDbContext NewContext() =>
        new(new DbContextOptionsBuilder<SqliteBotDbContext>().UseSqlite($"Data Source={_file}").AddInterceptors(_gate).Options);
}
