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

    /// <summary>
    /// A review level's name as the reader sees it. The default level is stored as <see cref="ReviewLevel.DefaultName"/>
    /// ("review"), because level names are data: approvals count per level name, and the webhook payload and the
    /// personal data export carry it as written. Only display localizes it, so a German team reads "Prüfung".
    /// </summary>
    public static string Level(string name) =>
        string.Equals(name, ReviewLevel.DefaultName, StringComparison.OrdinalIgnoreCase) ? Texts.ReviewLevelDefaultName : name;

    /// <summary>
    /// The stored name for a level name typed in the settings form: the default level's name in either language is
    /// stored as <see cref="ReviewLevel.DefaultName"/>, so saving the form unchanged in German keeps the stored name.
    /// </summary>
    public static string LevelFromDisplay(string name) =>
        new[] { BotLanguage.German, BotLanguage.English }.Any(language => string.Equals(name, BotLanguage.In(language, () => Texts.ReviewLevelDefaultName), StringComparison.CurrentCultureIgnoreCase))
            ? ReviewLevel.DefaultName
            : name;

    /// <summary>"1 Stufe" or "3 Stufen": German and English both take the singular for exactly one, the plural otherwise (also for 0).</summary>
    public static string Count(int count, string one, Func<int, string> many)
    {
        ArgumentNullException.ThrowIfNull(many);
        return count == 1 ? one : many(count);
    }

    /// <summary>
    /// The details of an audit entry in the reader's language. They are stored in a fixed English form ("level: review",
    /// "confirmed facts-checked: Fakten geprüft", "at: 2026-11-26T09:00:00Z"), which stays as it is; the audit CSV is read
    /// by people, so it shows them worded for the asker. Lines of another form are shown as stored.
    /// </summary>
    public static string? AuditDetails(string? details, Func<DateTimeOffset, string> instant)
    {
        ArgumentNullException.ThrowIfNull(instant);
        if (string.IsNullOrEmpty(details))
        {
            return details;
        }

        return string.Join('\n', details.Split('\n').Select(line => AuditDetailLine(line, instant)));
    }

    private static string AuditDetailLine(string line, Func<DateTimeOffset, string> instant)
    {
        if (line.StartsWith("level: ", StringComparison.Ordinal))
        {
            return Texts.FormatAuditDetailLevel(Level(line["level: ".Length..]));
        }

        if (line.StartsWith("confirmed ", StringComparison.Ordinal) && line.IndexOf(": ", StringComparison.Ordinal) is > 0 and var colon)
        {
            return Texts.FormatAuditDetailConfirmed(line["confirmed ".Length..colon], line[(colon + 2)..]);
        }

        if (line.StartsWith("from: ", StringComparison.Ordinal) && Enum.TryParse<PostStatus>(line["from: ".Length..], out var status))
        {
            return Texts.FormatAuditDetailStatusBefore(PostCards.StatusName(status));
        }

        if ((line.StartsWith("at: ", StringComparison.Ordinal) || line.StartsWith("was: ", StringComparison.Ordinal))
            && DateTimeOffset.TryParse(line[(line.IndexOf(' ', StringComparison.Ordinal) + 1)..], System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var at))
        {
            return line.StartsWith("at: ", StringComparison.Ordinal) ? Texts.FormatAuditDetailPlannedAt(instant(at)) : Texts.FormatAuditDetailPlannedBefore(instant(at));
        }

        if (line.StartsWith("socialChannel=", StringComparison.Ordinal) && line.IndexOf(" url=", StringComparison.Ordinal) is > 0 and var url)
        {
            return Texts.FormatAuditDetailLiveUrl(line["socialChannel=".Length..url], line[(url + " url=".Length)..]);
        }

        return line;
    }
}
