using System.Diagnostics.Metrics;

namespace Bot.Telemetry;

/// <summary>
/// The bot's own instruments, on the meter <c>Bot</c> (names and tags in docs/observability.md). Every tag value is one
/// of a small fixed set (activity types, outcomes, outbox kinds, error kinds), never an id, a name or a text, so a
/// series exists per kind of event and not per conversation. Without a listener (no OTLP endpoint configured and no
/// <c>dotnet-counters</c> attached) every instrument is disabled and a call costs a branch.
/// </summary>
public sealed class BotMetrics
{
    public const string MeterName = "Bot";

    public const string ActivityTypeTag = "bot.activity.type";
    public const string OutcomeTag = "bot.turn.outcome";
    public const string KindTag = "bot.outbox.kind";
    public const string ErrorTag = "error.type";
    public const string JobGroupTag = "bot.scheduler.job_group";
    public const string ClaimResultTag = "bot.claim.result";

    private readonly Counter<long> _turns;
    private readonly Histogram<double> _turnDuration;
    private readonly Histogram<double> _turnDatabaseDuration;
    private readonly Counter<long> _claimWaits;
    private readonly Histogram<double> _claimWaitDuration;
    private readonly Counter<long> _outboxSent;
    private readonly Counter<long> _outboxRetries;
    private readonly Counter<long> _outboxDeadLetters;
    private readonly ObservableGauge<long> _outboxBacklog;
    private readonly Counter<long> _schedulerMisfires;
    private readonly Histogram<long> _groupCommitStatements;

    // -1 until the outbox worker has counted once: a gauge that reports 0 before anyone looked would be a false "empty".
    private long _backlog = -1;

    public BotMetrics(IMeterFactory meterFactory)
    {
        // From the container's factory, so each host (tests run several in one process) has meters of its own.
        var meter = meterFactory.Create(MeterName);
        _turns = meter.CreateCounter<long>("bot.turns", "{turn}", "Requests to /api/messages, by activity type and outcome");
        _turnDuration = meter.CreateHistogram<double>("bot.turn.duration", "s", "Time from the request reaching the messaging endpoint to its answer");
        _turnDatabaseDuration = meter.CreateHistogram<double>("bot.turn.database.duration", "s", "Sum of the database command durations of one turn");
        _claimWaits = meter.CreateCounter<long>("bot.turn.claim.waits", "{wait}", "Copies of an activity that waited for the first copy's claim to finish");
        _claimWaitDuration = meter.CreateHistogram<double>("bot.turn.claim.wait.duration", "s", "How long a copy waited for the first copy's outcome");
        _outboxSent = meter.CreateCounter<long>("bot.outbox.sent", "{message}", "Outbox messages delivered to the connector");
        _outboxRetries = meter.CreateCounter<long>("bot.outbox.retries", "{attempt}", "Failed outbox attempts that will be tried again");
        _outboxDeadLetters = meter.CreateCounter<long>("bot.outbox.dead_letters", "{message}", "Outbox messages given up on (shown in 'failed deliveries')");
        _outboxBacklog = meter.CreateObservableGauge("bot.outbox.backlog", ObserveBacklog, "{message}", "Outbox messages neither sent nor dead, as the outbox worker last counted them");
        _schedulerMisfires = meter.CreateCounter<long>("bot.scheduler.misfires", "{misfire}", "Quartz triggers that missed their fire time by more than the misfire threshold");
        _groupCommitStatements = meter.CreateHistogram<long>("bot.db.group_commit.statements", "{statement}", "Ledger writes that shared one SQLite commit");
    }

    /// <summary>Whether anyone listens to the per-turn instruments; a turn nobody watches skips measuring altogether.</summary>
    public bool TurnsWatched => _turns.Enabled || _turnDuration.Enabled || _turnDatabaseDuration.Enabled;

    public bool DatabaseTimeWatched => _turnDatabaseDuration.Enabled;

    /// <summary>Whether counting the backlog is worth a query: only while a listener collects the gauge.</summary>
    public bool OutboxBacklogWatched => _outboxBacklog.Enabled;

    public void TurnEnded(string activityType, string outcome, TimeSpan duration, TimeSpan? databaseTime)
    {
        var type = new KeyValuePair<string, object?>(ActivityTypeTag, activityType);
        var result = new KeyValuePair<string, object?>(OutcomeTag, outcome);
        _turns.Add(1, type, result);
        _turnDuration.Record(duration.TotalSeconds, type, result);
        if (databaseTime is { } database)
        {
            _turnDatabaseDuration.Record(database.TotalSeconds, type, result);
        }
    }

    /// <summary>
    /// A copy of an activity found the first copy's claim in progress and waited <paramref name="waited"/>, then got the
    /// first copy's answer or (<paramref name="gotAnswer"/> false) gave up and answered 200 with no effect. For the
    /// activity ledger; <paramref name="activityType"/> as on the wire, any case.
    /// </summary>
    public void ClaimWaited(string? activityType, TimeSpan waited, bool gotAnswer)
    {
        var type = new KeyValuePair<string, object?>(ActivityTypeTag, TurnTags.TypeOf(activityType));
        var result = new KeyValuePair<string, object?>(ClaimResultTag, gotAnswer ? "answered" : "gave-up");
        _claimWaits.Add(1, type, result);
        _claimWaitDuration.Record(waited.TotalSeconds, type, result);
    }

    public void OutboxSent(string kind) => _outboxSent.Add(1, new KeyValuePair<string, object?>(KindTag, kind));

    public void OutboxRetried(string kind, string error) =>
        _outboxRetries.Add(1, new KeyValuePair<string, object?>(KindTag, kind), new KeyValuePair<string, object?>(ErrorTag, error));

    public void OutboxDeadLettered(string kind, string error) =>
        _outboxDeadLetters.Add(1, new KeyValuePair<string, object?>(KindTag, kind), new KeyValuePair<string, object?>(ErrorTag, error));

    public void OutboxBacklogCounted(long pending) => Volatile.Write(ref _backlog, pending);

    public void GroupCommitted(int statements) => _groupCommitStatements.Record(statements);

    public void SchedulerMisfired(string jobGroup) => _schedulerMisfires.Add(1, new KeyValuePair<string, object?>(JobGroupTag, jobGroup));

    private IEnumerable<Measurement<long>> ObserveBacklog()
    {
        var backlog = Volatile.Read(ref _backlog);
        return backlog < 0 ? [] : [new Measurement<long>(backlog)];
    }
}
