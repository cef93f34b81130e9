namespace Bot.Delivery;

public enum OutboundState
{
    Pending,
    Sent,
    DeadLetter,
}

/// <summary>How a message reaches its conversation.</summary>
public enum OutboundOperation
{
    /// <summary>A new message.</summary>
    Send,

    /// <summary>Replaces <see cref="OutboundMessage.UpdateActivityId"/> in place (PUT).</summary>
    Update,

    /// <summary>
    /// The one message of <see cref="OutboundMessage.Slot"/>: the first is sent, every later one replaces it in place. A
    /// card that must stay current (a post's approval card) can be queued before the first copy has an id.
    /// </summary>
    SendOrUpdateSlot,
}

/// <summary>
/// Something the bot says on its own (not as the answer within a user's turn), written in the same transaction as the
/// change it reports and sent by <see cref="OutboxWorker"/>: retried with back-off, paced, kept across restarts, and a
/// dead letter after <see cref="DeliveryOptions.MaxAttempts"/>, never dropped silently.
/// </summary>
public sealed class OutboundMessage
{
    public long Id { get; init; }

    /// <summary>What it is, for the dead-letter list ("approval-card", "personal-note", …); never its text.</summary>
    public required string Kind { get; init; }

    /// <summary>The team it belongs to: only that team's coordinators see and retry it.</summary>
    public string? TeamId { get; init; }

    public string? TenantId { get; init; }
    public required string ServiceUrl { get; set; }

    /// <summary>Null for a personal chat that may not exist yet: the worker finds or opens it with <see cref="RecipientUserId"/>.</summary>
    public string? ConversationId { get; set; }

    public string? RecipientAadObjectId { get; init; }
    public string? RecipientUserId { get; init; }
    public string? RecipientName { get; init; }
    public string? BotId { get; init; }
    public string? BotName { get; init; }

    public OutboundOperation Operation { get; init; }
    public string? UpdateActivityId { get; init; }
    public string? Slot { get; init; }

    /// <summary>The activity as JSON, ready to send.</summary>
    public required string ActivityJson { get; init; }

    public OutboundState State { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    public string? SentActivityId { get; set; }

    /// <summary>
    /// The worker pass that is sending this message right now, so no other instance's worker sends it too; null when
    /// nobody is. A pass token, not an instance name: a restarted instance must not mistake an old claim for its own.
    /// </summary>
    public string? ClaimedBy { get; set; }

    /// <summary>When the claim lapses: a worker that died holding it gives the message back to the others then.</summary>
    public DateTimeOffset? ClaimedUntil { get; set; }

    /// <summary>Why the last attempt failed, as a code ("http-503", "timeout", "network", "untrusted-service-url"); never a payload.</summary>
    public string? LastError { get; set; }
}
