using System.ComponentModel.DataAnnotations;

namespace Bot.Delivery;

/// <summary>
/// How redeliveries are recognised and how the outbox retries and paces. The pacing defaults follow Teams' published
/// limits per bot and thread (7 sends in 1 s, 60 in 30 s, 1800 an hour) and per app and tenant (50 per second), with
/// headroom; a 429 still wins, because Microsoft may lower them.
/// </summary>
public sealed class DeliveryOptions
{
    public const string SectionName = "Delivery";

    /// <summary>How long a processed activity id is remembered; Teams redelivers within minutes, so two days is ample.</summary>
    public TimeSpan ProcessedActivityRetention { get; set; } = TimeSpan.FromHours(48);

    /// <summary>How long sent outbox rows are kept (for "sent exactly once" checks and diagnosis); dead letters stay until retried.</summary>
    public TimeSpan SentMessageRetention { get; set; } = TimeSpan.FromHours(48);

    /// <summary>
    /// How long a claimed activity belongs to the turn that claimed it. A turn answers within seconds (replies that
    /// cannot go out at once wait in the outbox), so only a claim whose instance died outlives this, and a copy
    /// arriving after it runs the activity.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:05", "01:00:00")]
    public TimeSpan TurnClaimLease { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a copy of an activity that another turn is running waits for that turn's answer before it answers 200
    /// with no effect; well inside Teams' 15 s budget.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:10")]
    public TimeSpan CopyPatience { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long a reply inside a turn may take before it is handed to the outbox instead; the turn must answer Teams
    /// within its budget whatever the connector does.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:00:10")]
    public TimeSpan ReplyTimeout { get; set; } = TimeSpan.FromSeconds(4);

    /// <summary>Attempts before a message becomes a dead letter that coordinators see with "failed deliveries".</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 8;

    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(2);
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>One connector call may take this long before it counts as failed and is retried.</summary>
    public TimeSpan SendTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>The worker wakes at once on new messages; this is only the safety net (e.g. rows written by another process).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Sends into one conversation at once before pacing starts (Teams: 7 per second per thread).</summary>
    [Range(1, 1000)]
    public int ConversationBurst { get; set; } = 7;

    /// <summary>Sustained sends per second into one conversation (Teams: 60 per 30 s, 1800 per hour).</summary>
    [Range(0.01, 1000)]
    public double ConversationPerSecond { get; set; } = 1;

    /// <summary>Sends at once into one tenant before pacing starts (Teams: 50 per second per app and tenant).</summary>
    [Range(1, 10000)]
    public int TenantBurst { get; set; } = 50;

    [Range(0.01, 10000)]
    public double TenantPerSecond { get; set; } = 40;

    /// <summary>
    /// How long a worker may hold the messages it took for one pass before another instance may take them. A worker
    /// sends nothing it could not finish within its claim; one that dies holding a claim delays those messages this long.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:05", "01:00:00")]
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How often old processed ids and sent messages are cleared away.</summary>
    public TimeSpan CleanupInterval { get; set; } = TimeSpan.FromHours(1);
}
