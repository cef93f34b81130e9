namespace Bot.Posts;

public enum AuditAction
{
    Drafted,
    Edited,
    SubmittedForReview,

    /// <summary>One reviewer's approval; the post may still wait for more.</summary>
    ApprovalGiven,

    /// <summary>The policy is satisfied: the post moved to Approved.</summary>
    Approved,

    ChangesRequested,
    Rejected,
    Withdrawn,
    Scheduled,
    Rescheduled,
    VariantPublished,
    Published,
    Commented,
}

/// <summary>
/// One line of a post's audit trail: who did what, when, to which revision, and the state it left the post in.
/// Appended by <see cref="Post"/> only and never changed; the database context refuses updates and deletes.
/// </summary>
public sealed class AuditEntry
{
    internal AuditEntry(
        int sequence,
        DateTimeOffset at,
        string actorAadObjectId,
        int revision,
        AuditAction action,
        PostStatus status,
        string? comment,
        string? details)
    {
        Sequence = sequence;
        At = at;
        ActorAadObjectId = actorAadObjectId;
        Revision = revision;
        Action = action;
        Status = status;
        Comment = comment;
        Details = details;
    }

    // For EF Core.
    private AuditEntry()
    {
        ActorAadObjectId = string.Empty;
    }

    public int Sequence { get; private set; }
    public DateTimeOffset At { get; private set; }
    public string ActorAadObjectId { get; private set; }
    public int Revision { get; private set; }
    public AuditAction Action { get; private set; }

    /// <summary>The post's status after the action.</summary>
    public PostStatus Status { get; private set; }

    /// <summary>What the actor wrote: a change request, a rejection reason, a comment.</summary>
    public string? Comment { get; private set; }

    /// <summary>Facts the action carries, one per line, e.g. the confirmed checklist items or a live URL.</summary>
    public string? Details { get; private set; }
}
