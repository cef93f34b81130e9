using Bot.Localization;

namespace Bot.Posts;

/// <summary>The words for the posts feature's enumerations, in the current language.</summary>
public static class PostDisplayNames
{
    public static string Audit(AuditAction action) => action switch
    {
        AuditAction.Drafted => Texts.AuditDrafted,
        AuditAction.Edited => Texts.AuditEdited,
        AuditAction.SubmittedForReview => Texts.AuditSubmittedForReview,
        AuditAction.ApprovalGiven => Texts.AuditApprovalGiven,
        AuditAction.Approved => Texts.AuditApproved,
        AuditAction.ChangesRequested => Texts.AuditChangesRequested,
        AuditAction.Rejected => Texts.AuditRejected,
        AuditAction.Withdrawn => Texts.AuditWithdrawn,
        AuditAction.Scheduled => Texts.AuditScheduled,
        AuditAction.Rescheduled => Texts.AuditRescheduled,
        AuditAction.VariantPublished => Texts.AuditVariantPublished,
        AuditAction.Published => Texts.AuditPublished,
        _ => Texts.AuditCommented,
    };

    /// <summary>"1 Stufe" or "3 Stufen": German and English both take the singular for exactly one, the plural otherwise (also for 0).</summary>
    public static string Count(int count, string one, Func<int, string> many)
    {
        ArgumentNullException.ThrowIfNull(many);
        return count == 1 ? one : many(count);
    }
}
