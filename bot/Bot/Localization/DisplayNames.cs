namespace Bot.Localization;

/// <summary>The words for the bot's enumerations in the current language; the types are named in full because the methods share their names.</summary>
public static class DisplayNames
{
    public static string Role(global::Bot.Teams.TeamRole role) => role switch
    {
        global::Bot.Teams.TeamRole.Coordinator => Texts.RoleCoordinator,
        global::Bot.Teams.TeamRole.Editor => Texts.RoleEditor,
        global::Bot.Teams.TeamRole.Reviewer => Texts.RoleReviewer,
        _ => Texts.RoleViewer,
    };

    public static string AuditAction(global::Bot.Posts.AuditAction action) => action switch
    {
        global::Bot.Posts.AuditAction.Drafted => Texts.AuditDrafted,
        global::Bot.Posts.AuditAction.Edited => Texts.AuditEdited,
        global::Bot.Posts.AuditAction.SubmittedForReview => Texts.AuditSubmittedForReview,
        global::Bot.Posts.AuditAction.ApprovalGiven => Texts.AuditApprovalGiven,
        global::Bot.Posts.AuditAction.Approved => Texts.AuditApproved,
        global::Bot.Posts.AuditAction.ChangesRequested => Texts.AuditChangesRequested,
        global::Bot.Posts.AuditAction.Rejected => Texts.AuditRejected,
        global::Bot.Posts.AuditAction.Withdrawn => Texts.AuditWithdrawn,
        global::Bot.Posts.AuditAction.Scheduled => Texts.AuditScheduled,
        global::Bot.Posts.AuditAction.Rescheduled => Texts.AuditRescheduled,
        global::Bot.Posts.AuditAction.VariantPublished => Texts.AuditVariantPublished,
        global::Bot.Posts.AuditAction.Published => Texts.AuditPublished,
        _ => Texts.AuditCommented,
    };

    public static string ReminderKind(global::Bot.Reminders.ReminderKind kind) => kind switch
    {
        global::Bot.Reminders.ReminderKind.Review => Texts.ReminderKindReview,
        global::Bot.Reminders.ReminderKind.Deadline => Texts.ReminderKindDeadline,
        global::Bot.Reminders.ReminderKind.DueNow => Texts.ReminderKindDueNow,
        global::Bot.Reminders.ReminderKind.PlanGap => Texts.ReminderKindPlanGap,
        _ => Texts.ReminderKindMissedSlot,
    };

    public static string PostReminder(global::Bot.Reminders.PostReminder kind) => kind switch
    {
        global::Bot.Reminders.PostReminder.Review => Texts.PostReminderReview,
        global::Bot.Reminders.PostReminder.Deadline => Texts.PostReminderDeadline,
        global::Bot.Reminders.PostReminder.PlannedTime => Texts.PostReminderPlannedTime,
        _ => Texts.PostReminderPublishFollowUp,
    };

    public static string MetricsLayout(global::Bot.Metrics.Csv.MetricsCsvLayout? layout) => layout switch
    {
        global::Bot.Metrics.Csv.MetricsCsvLayout.Generic => Texts.MetricsLayoutGeneric,
        global::Bot.Metrics.Csv.MetricsCsvLayout.MetaBusinessSuite => Texts.MetricsLayoutMeta,
        global::Bot.Metrics.Csv.MetricsCsvLayout.LinkedInPage => Texts.MetricsLayoutLinkedIn,
        global::Bot.Metrics.Csv.MetricsCsvLayout.XAnalytics => Texts.MetricsLayoutX,
        _ => Texts.MetricsLayoutUnknown,
    };

    /// <summary>Why a metrics row was refused; the same words for the chat, the CLI and the API.</summary>
    public static string MetricProblem(global::Bot.Metrics.MetricRowError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var detail = error.Detail ?? string.Empty;
        return error.Problem switch
        {
            global::Bot.Metrics.MetricProblem.NotAnObject => Texts.MetricProblemNotAnObject,
            global::Bot.Metrics.MetricProblem.WrongType => Texts.FormatMetricProblemWrongType(detail),
            global::Bot.Metrics.MetricProblem.NoTarget => Texts.MetricProblemNoTarget,
            global::Bot.Metrics.MetricProblem.SeveralTargets => Texts.MetricProblemSeveralTargets,
            global::Bot.Metrics.MetricProblem.UnknownSocialChannel => Texts.FormatMetricProblemUnknownSocialChannel(detail),
            global::Bot.Metrics.MetricProblem.AmbiguousSocialChannel => Texts.FormatMetricProblemAmbiguousSocialChannel(detail),
            global::Bot.Metrics.MetricProblem.InvalidPostUrl => Texts.FormatMetricProblemInvalidPostUrl(detail),
            global::Bot.Metrics.MetricProblem.MissingDate => Texts.MetricProblemMissingDate,
            global::Bot.Metrics.MetricProblem.InvalidDate => Texts.FormatMetricProblemInvalidDate(detail),
            global::Bot.Metrics.MetricProblem.DateInFuture => Texts.FormatMetricProblemDateInFuture(detail),
            global::Bot.Metrics.MetricProblem.DateTooOld => Texts.FormatMetricProblemDateTooOld(detail),
            global::Bot.Metrics.MetricProblem.MissingMetric => Texts.MetricProblemMissingMetric,
            global::Bot.Metrics.MetricProblem.UnknownMetric => Texts.FormatMetricProblemUnknownMetric(detail),
            global::Bot.Metrics.MetricProblem.MissingValue => Texts.MetricProblemMissingValue,
            global::Bot.Metrics.MetricProblem.InvalidValue => Texts.FormatMetricProblemInvalidValue(detail),
            global::Bot.Metrics.MetricProblem.ValueOutOfRange => Texts.FormatMetricProblemValueOutOfRange(detail),
            global::Bot.Metrics.MetricProblem.InvalidSource => Texts.MetricProblemInvalidSource,
            global::Bot.Metrics.MetricProblem.Duplicate => Texts.FormatMetricProblemDuplicate(detail),
            global::Bot.Metrics.MetricProblem.WrongColumnCount => Texts.FormatMetricProblemWrongColumnCount(detail),
            global::Bot.Metrics.MetricProblem.UnknownLayout => Texts.MetricProblemUnknownLayout,
            global::Bot.Metrics.MetricProblem.EmptyFile => Texts.MetricProblemEmptyFile,
            global::Bot.Metrics.MetricProblem.TooManyRows => Texts.FormatMetricProblemTooManyRows(detail),
            global::Bot.Metrics.MetricProblem.UnterminatedQuote => Texts.MetricProblemUnterminatedQuote,
            global::Bot.Metrics.MetricProblem.NoSocialChannelForLayout => Texts.FormatMetricProblemNoSocialChannelForLayout(detail),
            _ => throw new ArgumentOutOfRangeException(nameof(error), error.Problem, null),
        };
    }
}
