using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Bot.Persistence;

/// <summary>
/// The time one unit of work (a turn) spent waiting for the database: the sum of its commands' durations as EF Core
/// measures them, from the command leaving to its result (or error) coming back. It follows the async flow, so commands
/// of every scope and context the turn touches count, and work that runs outside a measured flow costs one AsyncLocal
/// read per command.
/// </summary>
internal sealed class DatabaseTime
{
    private static readonly AsyncLocal<DatabaseTime?> Current = new();

    private long _ticks;

    public static DbCommandInterceptor Interceptor { get; } = new CommandTimer();

    public TimeSpan Elapsed => TimeSpan.FromTicks(Interlocked.Read(ref _ticks));

    /// <summary>Measures the calling flow from here on; the caller's own flow is unaffected once it returns.</summary>
    public static DatabaseTime Start()
    {
        var time = new DatabaseTime();
        Current.Value = time;
        return time;
    }

    /// <summary>Counts time the calling flow waited for a write the bot ran outside EF (a group commit).</summary>
    internal static void Add(TimeSpan duration)
    {
        if (Current.Value is { } time)
        {
            // Commands of one turn may overlap (parallel queries in separate contexts), so the sum can exceed the wall clock.
            Interlocked.Add(ref time._ticks, duration.Ticks);
        }
    }

    private sealed class CommandTimer : DbCommandInterceptor
    {
        public override DbDataReader ReaderExecuted(DbCommand command, CommandExecutedEventData eventData, DbDataReader result)
        {
            Add(eventData.Duration);
            return result;
        }

        public override ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
        {
            Add(eventData.Duration);
            return ValueTask.FromResult(result);
        }

        public override int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
        {
            Add(eventData.Duration);
            return result;
        }

        public override ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
        {
            Add(eventData.Duration);
            return ValueTask.FromResult(result);
        }

        public override object? ScalarExecuted(DbCommand command, CommandExecutedEventData eventData, object? result)
        {
            Add(eventData.Duration);
            return result;
        }

        public override ValueTask<object?> ScalarExecutedAsync(DbCommand command, CommandExecutedEventData eventData, object? result, CancellationToken cancellationToken = default)
        {
            Add(eventData.Duration);
            return ValueTask.FromResult(result);
        }

        public override void CommandFailed(DbCommand command, CommandErrorEventData eventData) => Add(eventData.Duration);

        public override Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
        {
            Add(eventData.Duration);
            return Task.CompletedTask;
        }
    }
}
