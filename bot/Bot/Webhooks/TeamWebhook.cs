namespace Bot.Webhooks;

/// <summary>
/// A team's outgoing webhook: every approved post is POSTed to <see cref="Url"/>, signed with the team's secret. The
/// secret is stored sealed with ASP.NET Core Data Protection, so a copy of the database alone does not reveal it.
/// </summary>
public sealed class TeamWebhook
{
    public required string TeamId { get; init; }
    public required string Url { get; set; }
    public required string ProtectedSecret { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public required string UpdatedByAadObjectId { get; set; }
}

public enum WebhookDeliveryState
{
    Pending,
    Delivered,

    /// <summary>Every attempt failed; kept for <c>webhook status</c>, never retried again.</summary>
    Failed,
}

/// <summary>
/// One approved post on its way to the team's webhook. Written in the same transaction as the approval (an outbox),
/// so an approval is never lost to a crash between saving and sending; the body is fixed when written, so every retry
/// sends the same bytes and the same <see cref="Id"/> lets the receiver drop duplicates.
/// </summary>
public sealed class WebhookDelivery
{
    public required Guid Id { get; init; }
    public required string TeamId { get; init; }
    public required Guid PostId { get; init; }
    public required int Revision { get; init; }
    public required string Event { get; init; }
    public required string Body { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public WebhookDeliveryState State { get; set; }
    public int Attempts { get; set; }

    /// <summary>When the worker tries next; null once delivered or given up.</summary>
    public DateTimeOffset? NextAttemptAt { get; set; }

    public DateTimeOffset? LastAttemptAt { get; set; }

    /// <summary>The receiver's HTTP status of the last attempt; null when it could not be reached.</summary>
    public int? LastStatus { get; set; }

    /// <summary>Why the last attempt failed without a status (timeout, connection), as a short code, never a body.</summary>
    public string? LastError { get; set; }

    public DateTimeOffset? DeliveredAt { get; set; }
}
