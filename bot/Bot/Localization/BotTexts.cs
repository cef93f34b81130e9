using System.Globalization;
using System.Resources;
using System.Runtime.CompilerServices;

namespace Bot.Localization;

/// <summary>
/// Every text the bot shows, from Resources/Strings(.de).resx, in one language. One property per resource key, so a
/// missing key is a compile error here and a test compares the two files.
/// </summary>
public sealed class BotTexts(CultureInfo culture)
{
    private static readonly ResourceManager Resources = new("Bot.Localization.Resources.Strings", typeof(BotTexts).Assembly);

    public CultureInfo Culture { get; } = culture;

    public string WelcomeTitle => Get();
    public string WelcomeIntro => Get();
    public string WelcomeGetStarted => Get();
    public string ShowCommandsButton => Get();
    public string HelpTitle => Get();
    public string HelpIntro => Get();
    public string HelpCommandsHeading => Get();
    public string CommandHelpDescription => Get();
    public string UnknownCardAction => Get();
    public string TurnError => Get();

    public string UnknownCommand(string input) => string.Format(Culture, Get(), input);

    public string CommandWhoDescription => Get();
    public string CommandMyChannelsDescription => Get();
    public string CommandWhoAmIDescription => Get();
    public string WhoAmIIntro(object arg0) => Format([arg0]);
    public string WhoAmITeam(object arg0, object arg1, object arg2) => Format([arg0, arg1, arg2]);
    public string WhoAmINoSocialChannels => Get();
    public string WhoAmIOwner(object arg0) => Format([arg0]);
    public string WhoAmIBackup(object arg0) => Format([arg0]);
    public string WhoAmINoTeam => Get();
    public string CommandAssignDescription => Get();
    public string CommandBackupDescription => Get();
    public string CommandUnassignDescription => Get();
    public string CommandAwayDescription => Get();
    public string CommandAddAccountDescription => Get();
    public string CommandRoleDescription => Get();
    public string CommandGoalDescription => Get();
    public string MalformedCommand(object arg0, object arg1) => Format([arg0, arg1]);
    public string NeedsTeam => Get();
    public string NotCoordinator(object arg0) => Format([arg0]);
    public string RoleCoordinator => Get();
    public string RoleEditor => Get();
    public string RoleReviewer => Get();
    public string RoleViewer => Get();
    public string UnknownSocialChannel(object arg0, object arg1) => Format([arg0, arg1]);
    public string AmbiguousSocialChannel(object arg0, object arg1, object arg2) => Format([arg0, arg1, arg2]);
    public string SocialChannelAdded(object arg0) => Format([arg0]);
    public string SocialChannelExists(object arg0) => Format([arg0]);
    public string PersonNotInTeam(object arg0) => Format([arg0]);
    public string PersonNotFound(object arg0) => Format([arg0]);
    public string PersonAmbiguous(object arg0, object arg1) => Format([arg0, arg1]);
    public string Assigned(object arg0, object arg1) => Format([arg0, arg1]);
    public string BackupAdded(object arg0, object arg1) => Format([arg0, arg1]);
    public string Unassigned(object arg0, object arg1) => Format([arg0, arg1]);
    public string NotAssigned(object arg0, object arg1) => Format([arg0, arg1]);
    public string RoleSet(object arg0, object arg1) => Format([arg0, arg1]);
    public string AbsenceRecorded(object arg0, object arg1, object arg2, object arg3) => Format([arg0, arg1, arg2, arg3]);
    public string AbsenceRecordedWithoutCover(object arg0, object arg1, object arg2) => Format([arg0, arg1, arg2]);
    public string AbsenceForOthersNeedsCoordinator => Get();
    public string GoalSet(object arg0, object arg1) => Format([arg0, arg1]);
    public string GoalSetWithEngagement(object arg0, object arg1, object arg2) => Format([arg0, arg1, arg2]);
    public string PersonalAssignedNote(object arg0, object arg1, object arg2) => Format([arg0, arg1, arg2]);
    public string PersonalBackupNote(object arg0, object arg1, object arg2) => Format([arg0, arg1, arg2]);
    public string PersonalUnassignedNote(object arg0, object arg1, object arg2) => Format([arg0, arg1, arg2]);
    public string PersonalRoleNote(object arg0, object arg1, object arg2) => Format([arg0, arg1, arg2]);
    public string PersonalCoverNote(object arg0, object arg1, object arg2, object arg3, object arg4) => Format([arg0, arg1, arg2, arg3, arg4]);
    public string OverviewTitle => Get();
    public string OverviewEmpty => Get();
    public string OverviewOwner => Get();
    public string OverviewBackups => Get();
    public string OverviewToday => Get();
    public string OverviewPosts => Get();
    public string OverviewPostCounts(object arg0, object arg1, object arg2) => Format([arg0, arg1, arg2]);
    public string OverviewCadence => Get();
    public string OverviewCadenceValue(object arg0, object arg1) => Format([arg0, arg1]);
    public string OverviewNoGoal => Get();
    public string Nobody => Get();
    public string Never => Get();
    public string MyChannelsTitle => Get();
    public string MyChannelsEmpty => Get();
    public string ResponsibilityOwner => Get();
    public string ResponsibilityBackup => Get();
    public string ResponsibilityCovering(object arg0) => Format([arg0]);

    public string YourTeam => Get();
    public string UnknownCommandDidYouMean(object arg0, object arg1) => Format([arg0, arg1]);
    public string UnknownPlatform(object arg0, object arg1) => Format([arg0, arg1]);
    public string AbsenceFormTitle => Get();
    public string AbsenceFormPerson => Get();
    public string AbsenceFormFirstDay => Get();
    public string AbsenceFormLastDay => Get();
    public string AbsenceFormCover => Get();
    public string AbsenceFormNoCover => Get();
    public string AbsenceFormSubmit => Get();
    public string AbsenceFormInvalidDates => Get();
    public string DateRequired => Get();
    public string CommandNewPostDescription => Get();
    public string DraftFormTitle => Get();
    public string DraftFormWorkingTitle => Get();
    public string DraftFormBaseText => Get();
    public string DraftFormSocialChannels => Get();
    public string DraftFormPlannedDate => Get();
    public string DraftFormPlannedTime(object arg0) => Format([arg0]);
    public string DraftFormTag => Get();
    public string DraftFormCreate => Get();
    public string DraftFormNoSocialChannels => Get();
    public string NotAWriter(object arg0) => Format([arg0]);
    public string DraftProblemWorkingTitleMissing => Get();
    public string DraftProblemWorkingTitleTooLong => Get();
    public string DraftProblemNoVariants => Get();
    public string DraftProblemInvalidSocialChannel => Get();
    public string DraftProblemInvalidTag => Get();
    public string DraftProblemOther => Get();
    public string DraftProblemInvalidTime => Get();
    public string DraftProblemTimeInPast => Get();
    public string PostStatusDraft => Get();
    public string PostStatusInReview => Get();
    public string PostStatusChangesRequested => Get();
    public string PostStatusApproved => Get();
    public string PostStatusScheduled => Get();
    public string PostStatusPublished => Get();
    public string PostStatusRejected => Get();
    public string PostStatusWithdrawn => Get();
    public string PostFactStatus => Get();
    public string PostFactPlanned => Get();
    public string PostFactAuthor => Get();
    public string PostFactTags => Get();
    public string PostFactRevision => Get();
    public string PostFactReviewers => Get();
    public string PostNotPlanned => Get();
    public string PostDateTime(object arg0, object arg1) => Format([arg0, arg1]);
    public string DraftCardTitle(object arg0) => Format([arg0]);
    public string ReviewCardTitle(object arg0) => Format([arg0]);
    public string PlatformChecksHeading => Get();
    public string WarningEmptyText(object arg0) => Format([arg0]);
    public string WarningTooLong(object arg0, object arg1, object arg2) => Format([arg0, arg1, arg2]);
    public string WarningTooManyHashtags(object arg0, object arg1, object arg2) => Format([arg0, arg1, arg2]);
    public string WarningTooManyLinks(object arg0, object arg1, object arg2) => Format([arg0, arg1, arg2]);
    public string WarningLinksNotClickable(object arg0) => Format([arg0]);
    public string WarningAngleBrackets(object arg0) => Format([arg0]);
    public string SubmitForReviewButton => Get();
    public string SubmittedForReview => Get();
    public string ApproveButton => Get();
    public string RequestChangesButton => Get();
    public string RejectButton => Get();
    public string ReviewCommentLabel => Get();
    public string ChecklistHeading => Get();
    public string DecisionApproved(object arg0, object arg1) => Format([arg0, arg1]);
    public string DecisionChangesRequested(object arg0, object arg1, object arg2) => Format([arg0, arg1, arg2]);
    public string DecisionRejected(object arg0, object arg1, object arg2) => Format([arg0, arg1, arg2]);
    public string DecisionsHeading => Get();
    public string WaitingFor(object arg0) => Format([arg0]);
    public string RefusalNotFound => Get();
    public string RefusalAuthorCannotReview => Get();
    public string RefusalNotAReviewer => Get();
    public string RefusalRoleNotAllowed(object arg0) => Format([arg0]);
    public string RefusalNotAuthor => Get();
    public string RefusalWaitingForEarlierLevel => Get();
    public string RefusalStaleRevision => Get();
    public string RefusalAlreadyDecided(object arg0) => Format([arg0]);
    public string RefusalAlreadyDecidedNoName => Get();
    public string RefusalWrongState(object arg0) => Format([arg0]);
    public string RefusalCommentRequired => Get();
    public string RefusalChecklistIncomplete(object arg0) => Format([arg0]);
    public string RefusalBlocked => Get();
    public string RefusalNotEnoughReviewers => Get();
    public string RefusalOther => Get();
    public string AuthorNoteApproved(object arg0, object arg1) => Format([arg0, arg1]);
    public string AuthorNoteChangesRequested(object arg0, object arg1, object arg2, object arg3) => Format([arg0, arg1, arg2, arg3]);
    public string AuthorNoteRejected(object arg0, object arg1, object arg2) => Format([arg0, arg1, arg2]);
    public string CommandMyPostsDescription => Get();
    public string CommandPendingDescription => Get();
    public string CommandShowPostDescription => Get();
    public string CommandWithdrawDescription => Get();
    public string CommandPublishedDescription => Get();
    public string MyPostsTitle => Get();
    public string MyPostsEmpty => Get();
    public string PendingTitle => Get();
    public string PendingEmpty => Get();
    public string PostLine(object arg0, object arg1, object arg2, object arg3) => Format([arg0, arg1, arg2, arg3]);
    public string PostWithdrawn(object arg0) => Format([arg0]);
    public string PostPublishedRecorded(object arg0, object arg1) => Format([arg0, arg1]);
    public string PublishedWhichChannel(object arg0) => Format([arg0]);
    public string RefusalInvalidLiveUrl => Get();
    public string RefusalAlreadyPublished => Get();
    public string RefusalAlreadyLive => Get();
    public string RefusalUnknownSocialChannel => Get();
    public string CommandHistoryDescription => Get();
    public string HistoryTitle(object arg0) => Format([arg0]);
    public string HistoryLine(object arg0, object arg1, object arg2, object arg3) => Format([arg0, arg1, arg2, arg3]);
    public string AuditDrafted => Get();
    public string AuditEdited => Get();
    public string AuditSubmittedForReview => Get();
    public string AuditApprovalGiven => Get();
    public string AuditApproved => Get();
    public string AuditChangesRequested => Get();
    public string AuditRejected => Get();
    public string AuditWithdrawn => Get();
    public string AuditScheduled => Get();
    public string AuditRescheduled => Get();
    public string AuditVariantPublished => Get();
    public string AuditPublished => Get();
    public string AuditCommented => Get();
    public string EditPostButton => Get();
    public string SaveChangesButton => Get();
    public string PostSaved => Get();
    public string RefusalNothingChanged => Get();
    public string ReviewSettingsTagsExample => Get();
    public string ReviewSettingsKeywordsExample => Get();
    public string CommandWebhookDescription => Get();
    public string WebhookSecretOnlyInPersonalChat => Get();
    public string WebhookInvalidUrl => Get();
    public string WebhookSecretLength(object arg0, object arg1) => Format([arg0, arg1]);
    public string WebhookSet(object arg0) => Format([arg0]);
    public string WebhookRemoved => Get();
    public string WebhookNone => Get();
    public string WebhookStatusHead(object arg0, object arg1, object arg2) => Format([arg0, arg1, arg2]);
    public string WebhookNoDeliveries => Get();
    public string WebhookDeliveryDelivered(object arg0, object arg1, object arg2, object arg3) => Format([arg0, arg1, arg2, arg3]);
    public string WebhookDeliveryFailed(object arg0, object arg1, object arg2, object arg3) => Format([arg0, arg1, arg2, arg3]);
    public string WebhookDeliveryQueued(object arg0, object arg1) => Format([arg0, arg1]);
    public string WebhookDeliveryRetrying(object arg0, object arg1, object arg2, object arg3, object arg4) => Format([arg0, arg1, arg2, arg3, arg4]);
    public string CommandExportAuditDescription => Get();
    public string AuditExportReady(object arg0, object arg1, object arg2, object arg3) => Format([arg0, arg1, arg2, arg3]);
    public string AuditExportSentPrivately => Get();
    public string AuditExportTooLong(object arg0) => Format([arg0]);
    public string AuditCsvTimeLocal(object arg0) => Format([arg0]);
    public string AuditCsvTimeUtc => Get();
    public string AuditCsvPost => Get();
    public string AuditCsvWorkingTitle => Get();
    public string AuditCsvRevision => Get();
    public string AuditCsvAction => Get();
    public string AuditCsvActor => Get();
    public string AuditCsvActorId => Get();
    public string AuditCsvStatus => Get();
    public string AuditCsvComment => Get();
    public string AuditCsvDetails => Get();
    public string CommandReviewSettingsDescription => Get();
    public string ReviewSettingsTitle => Get();
    public string ReviewSettingsIntro => Get();
    public string ReviewSettingsLevelHeading(object arg0) => Format([arg0]);
    public string ReviewSettingsConditionalHeading(object arg0) => Format([arg0]);
    public string ReviewSettingsLevelName => Get();
    public string ReviewSettingsRule => Get();
    public string ReviewSettingsRuleAny => Get();
    public string ReviewSettingsRuleAll => Get();
    public string ReviewSettingsRuleNOfM(object arg0) => Format([arg0]);
    public string ReviewSettingsReviewers => Get();
    public string ReviewSettingsOwners => Get();
    public string ReviewSettingsTags => Get();
    public string ReviewSettingsKeywords => Get();
    public string ReviewSettingsChecklist => Get();
    public string ReviewSettingsSave => Get();
    public string ReviewSettingsSaved(object arg0, object arg1, object arg2) => Format([arg0, arg1, arg2]);
    public string ReviewSettingsNoLevel => Get();
    public string ReviewSettingsLevelNeedsReviewers(object arg0) => Format([arg0]);
    public string ReviewSettingsNotEnoughReviewers(object arg0, object arg1) => Format([arg0, arg1]);
    public string ReviewSettingsDuplicateLevel(object arg0) => Format([arg0]);
    public string ReviewSettingsExtraNeedsCondition(object arg0) => Format([arg0]);
    public string ReviewSettingsExtraNeedsName(object arg0) => Format([arg0]);
    public string ReviewSettingsUnknownReviewer(object arg0) => Format([arg0]);
    public string ReviewSettingsInvalidRule(object arg0) => Format([arg0]);
    public string ReviewSettingsInvalidTag(object arg0) => Format([arg0]);
    public string ReviewSettingsTooManyItems(object arg0) => Format([arg0]);
    public string ReviewSettingsItemTooLong(object arg0) => Format([arg0]);
    public string EditVariantsHint => Get();
    public string EditVariantLabel(object arg0) => Format([arg0]);
    public string ChangesSinceHeading(object arg0) => Format([arg0]);
    public string ChangesNone => Get();
    public string CommentsHeading => Get();
    public string CommentLine(object arg0, object arg1, object arg2, object arg3) => Format([arg0, arg1, arg2, arg3]);
    public string CommandCommentDescription => Get();
    public string CommentAdded(object arg0) => Format([arg0]);
    public string CommandFailedDeliveriesDescription => Get();
    public string FailedDeliveriesTitle => Get();
    public string FailedDeliveriesEmpty => Get();
    public string FailedDeliveriesIntro => Get();
    public string FailedDeliveryWhat => Get();
    public string FailedDeliveryTo => Get();
    public string FailedDeliveryWhen => Get();
    public string FailedDeliveryWhy => Get();
    public string FailedDeliveryTeamChannel => Get();
    public string FailedDeliveryReason(object attempts, object error) => Format([attempts, error]);
    public string FailedDeliveriesMore(object count) => Format([count]);
    public string RetryDeliveryButton => Get();
    public string RetryDeliveryQueued => Get();
    public string RetryDeliveryUnknown => Get();
    public string OutboundKindApprovalCard => Get();
    public string OutboundKindAuthorNote => Get();
    public string OutboundKindPersonalNote => Get();
    public string OutboundKindTeamNote => Get();

    public string AuditActionName(Posts.AuditAction action) => action switch
    {
        Posts.AuditAction.Drafted => AuditDrafted,
        Posts.AuditAction.Edited => AuditEdited,
        Posts.AuditAction.SubmittedForReview => AuditSubmittedForReview,
        Posts.AuditAction.ApprovalGiven => AuditApprovalGiven,
        Posts.AuditAction.Approved => AuditApproved,
        Posts.AuditAction.ChangesRequested => AuditChangesRequested,
        Posts.AuditAction.Rejected => AuditRejected,
        Posts.AuditAction.Withdrawn => AuditWithdrawn,
        Posts.AuditAction.Scheduled => AuditScheduled,
        Posts.AuditAction.Rescheduled => AuditRescheduled,
        Posts.AuditAction.VariantPublished => AuditVariantPublished,
        Posts.AuditAction.Published => AuditPublished,
        _ => AuditCommented,
    };

    public string CommandEraseDescription => Get();
    public string EraseConfirmTitle(object arg0) => Format([arg0]);
    public string EraseConfirmBody(object arg0) => Format([arg0]);
    public string EraseConfirmButton => Get();
    public string Erased(object arg0, object arg1, object arg2) => Format([arg0, arg1, arg2]);
    public string EraseUnknownPerson(object arg0) => Format([arg0]);
    public string EraseYourself => Get();
    public string EraseAlreadyDone => Get();
    public string FormerMember(object arg0) => Format([arg0]);
    public string NoSocialChannels => Get();
    public string ReminderReview(object arg0, object arg1) => Format([arg0, arg1]);
    public string ReminderOpenCard(object arg0) => Format([arg0]);
    public string ReminderEscalation(object arg0, object arg1, object arg2, object arg3) => Format([arg0, arg1, arg2, arg3]);
    public string ReminderDeadline(object arg0, object arg1, object arg2) => Format([arg0, arg1, arg2]);
    public string ReminderPlanGap(object arg0, object arg1, object arg2) => Format([arg0, arg1, arg2]);
    public string DueNowTitle(object arg0) => Format([arg0]);
    public string DueNowFollowUpTitle(object arg0) => Format([arg0]);
    public string DueNowIntro(object arg0, object arg1) => Format([arg0, arg1]);
    public string DueNowLiveUrl => Get();
    public string MarkPublishedButton => Get();
    public string MissedSlotTitle(object arg0) => Format([arg0]);
    public string MissedSlotText(object arg0, object arg1, object arg2) => Format([arg0, arg1, arg2]);
    public string MissedSlotMoveButton => Get();
    public string MissedSlotWithdrawButton => Get();
    public string SlotMoved(object arg0, object arg1) => Format([arg0, arg1]);
    public string SettingsTitle => Get();
    public string SettingsSla => Get();
    public string SettingsDeadline => Get();
    public string SettingsPlanGap => Get();
    public string SettingsWorkStart => Get();
    public string SettingsWorkEnd => Get();
    public string SettingsWorkingDays => Get();
    public string SettingsTimeZone => Get();
    public string SettingsHolidays => Get();
    public string SettingsKinds => Get();
    public string SettingsSave => Get();
    public string SettingsSaved => Get();
    public string SettingsInvalid(object arg0) => Format([arg0]);
    public string ReminderKindReview => Get();
    public string ReminderKindDeadline => Get();
    public string ReminderKindDueNow => Get();
    public string ReminderKindPlanGap => Get();
    public string ReminderKindMissedSlot => Get();
    public string PostReminderReview => Get();
    public string PostReminderDeadline => Get();
    public string PostReminderPlannedTime => Get();
    public string PostReminderPublishFollowUp => Get();
    public string RemindersTitle => Get();
    public string RemindersEmpty => Get();
    public string ReminderLine(object arg0, object arg1, object arg2, object arg3) => Format([arg0, arg1, arg2, arg3]);
    public string SnoozeNotYours => Get();
    public string Snoozed(object arg0, object arg1) => Format([arg0, arg1]);
    public string SnoozeNothingPending(object arg0) => Format([arg0]);
    public string CommandRemindersDescription => Get();
    public string CommandSnoozeDescription => Get();
    public string CommandSettingsDescription => Get();

    public string ReminderKindName(Reminders.ReminderKind kind) => kind switch
    {
        Reminders.ReminderKind.Review => ReminderKindReview,
        Reminders.ReminderKind.Deadline => ReminderKindDeadline,
        Reminders.ReminderKind.DueNow => ReminderKindDueNow,
        Reminders.ReminderKind.PlanGap => ReminderKindPlanGap,
        _ => ReminderKindMissedSlot,
    };

    public string PostReminderName(Reminders.PostReminder kind) => kind switch
    {
        Reminders.PostReminder.Review => PostReminderReview,
        Reminders.PostReminder.Deadline => PostReminderDeadline,
        Reminders.PostReminder.PlannedTime => PostReminderPlannedTime,
        _ => PostReminderPublishFollowUp,
    };

    public string CommandMyDataDescription => Get();
    public string MyDataOnlyInPersonalChat => Get();
    public string MyDataReady(object arg0, object arg1) => Format([arg0, arg1]);

    public string CommandMetricsKeyDescription => Get();
    public string CommandImportMetricsDescription => Get();
    public string MetricsKeyCreated(object arg0, object arg1, object arg2) => Format([arg0, arg1, arg2]);
    public string MetricsKeySentPrivately(object arg0) => Format([arg0]);
    public string MetricsKeyNeedsPersonalChat => Get();
    public string MetricsKeyNotDelivered => Get();
    public string MetricsKeysNone => Get();
    public string MetricsKeysHead => Get();
    public string MetricsKeyActiveLine(object arg0, object arg1, object arg2) => Format([arg0, arg1, arg2]);
    public string MetricsKeyRevokedLine(object arg0, object arg1, object arg2, object arg3) => Format([arg0, arg1, arg2, arg3]);
    public string MetricsKeyRevoked(object arg0) => Format([arg0]);
    public string MetricsKeyUnknown(object arg0) => Format([arg0]);
    public string MetricsKeyAlreadyRevoked(object arg0) => Format([arg0]);
    public string MetricsImportNeedsFile => Get();
    public string MetricsImportOnlyInPersonalChat => Get();
    public string MetricsImportNoTeam => Get();
    public string MetricsImportWhichTeam(object arg0, object arg1) => Format([arg0, arg1]);
    public string MetricsImportUnknownTeam(object arg0, object arg1) => Format([arg0, arg1]);
    public string MetricsImportNotCsv(object arg0) => Format([arg0]);
    public string MetricsImportTooLarge(object arg0, object arg1) => Format([arg0, arg1]);
    public string MetricsImportDownloadFailed(object arg0) => Format([arg0]);
    public string MetricsImportDone(object arg0, object arg1, object arg2, object arg3, object arg4, object arg5, object arg6) => Format([arg0, arg1, arg2, arg3, arg4, arg5, arg6]);
    public string MetricsImportFailed(object arg0, object arg1, object arg2, object arg3) => Format([arg0, arg1, arg2, arg3]);
    public string MetricsImportBadLine(object arg0, object arg1) => Format([arg0, arg1]);
    public string MetricsImportMoreBadLines(object arg0) => Format([arg0]);
    public string MetricsLayoutGeneric => Get();
    public string MetricsLayoutMeta => Get();
    public string MetricsLayoutLinkedIn => Get();
    public string MetricsLayoutX => Get();
    public string MetricsLayoutUnknown => Get();
    public string MetricsApiUnauthorised => Get();
    public string MetricsApiTooLarge(object arg0) => Format([arg0]);
    public string MetricsApiMalformed => Get();
    public string MetricsApiMalformedDetail => Get();
    public string MetricsApiInvalidRows(object arg0) => Format([arg0]);
    public string MetricProblemNotAnObject(object arg0) => Format([arg0]);
    public string MetricProblemWrongType(object arg0) => Format([arg0]);
    public string MetricProblemNoTarget(object arg0) => Format([arg0]);
    public string MetricProblemSeveralTargets(object arg0) => Format([arg0]);
    public string MetricProblemUnknownSocialChannel(object arg0) => Format([arg0]);
    public string MetricProblemAmbiguousSocialChannel(object arg0) => Format([arg0]);
    public string MetricProblemInvalidPostUrl(object arg0) => Format([arg0]);
    public string MetricProblemMissingDate(object arg0) => Format([arg0]);
    public string MetricProblemInvalidDate(object arg0) => Format([arg0]);
    public string MetricProblemDateInFuture(object arg0) => Format([arg0]);
    public string MetricProblemDateTooOld(object arg0) => Format([arg0]);
    public string MetricProblemMissingMetric(object arg0) => Format([arg0]);
    public string MetricProblemUnknownMetric(object arg0) => Format([arg0]);
    public string MetricProblemMissingValue(object arg0) => Format([arg0]);
    public string MetricProblemInvalidValue(object arg0) => Format([arg0]);
    public string MetricProblemValueOutOfRange(object arg0) => Format([arg0]);
    public string MetricProblemInvalidSource(object arg0) => Format([arg0]);
    public string MetricProblemDuplicate(object arg0) => Format([arg0]);
    public string MetricProblemWrongColumnCount(object arg0) => Format([arg0]);
    public string MetricProblemUnknownLayout(object arg0) => Format([arg0]);
    public string MetricProblemEmptyFile(object arg0) => Format([arg0]);
    public string MetricProblemTooManyRows(object arg0) => Format([arg0]);
    public string MetricProblemUnterminatedQuote(object arg0) => Format([arg0]);
    public string MetricProblemNoSocialChannelForLayout(object arg0) => Format([arg0]);

    /// <summary>Why a metrics row was refused, in this language; the same words for the chat, the CLI and the API.</summary>
    public string MetricProblem(Metrics.MetricRowError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var detail = error.Detail ?? string.Empty;
        return error.Problem switch
        {
        Metrics.MetricProblem.NotAnObject => MetricProblemNotAnObject(detail),
        Metrics.MetricProblem.WrongType => MetricProblemWrongType(detail),
        Metrics.MetricProblem.NoTarget => MetricProblemNoTarget(detail),
        Metrics.MetricProblem.SeveralTargets => MetricProblemSeveralTargets(detail),
        Metrics.MetricProblem.UnknownSocialChannel => MetricProblemUnknownSocialChannel(detail),
        Metrics.MetricProblem.AmbiguousSocialChannel => MetricProblemAmbiguousSocialChannel(detail),
        Metrics.MetricProblem.InvalidPostUrl => MetricProblemInvalidPostUrl(detail),
        Metrics.MetricProblem.MissingDate => MetricProblemMissingDate(detail),
        Metrics.MetricProblem.InvalidDate => MetricProblemInvalidDate(detail),
        Metrics.MetricProblem.DateInFuture => MetricProblemDateInFuture(detail),
        Metrics.MetricProblem.DateTooOld => MetricProblemDateTooOld(detail),
        Metrics.MetricProblem.MissingMetric => MetricProblemMissingMetric(detail),
        Metrics.MetricProblem.UnknownMetric => MetricProblemUnknownMetric(detail),
        Metrics.MetricProblem.MissingValue => MetricProblemMissingValue(detail),
        Metrics.MetricProblem.InvalidValue => MetricProblemInvalidValue(detail),
        Metrics.MetricProblem.ValueOutOfRange => MetricProblemValueOutOfRange(detail),
        Metrics.MetricProblem.InvalidSource => MetricProblemInvalidSource(detail),
        Metrics.MetricProblem.Duplicate => MetricProblemDuplicate(detail),
        Metrics.MetricProblem.WrongColumnCount => MetricProblemWrongColumnCount(detail),
        Metrics.MetricProblem.UnknownLayout => MetricProblemUnknownLayout(detail),
        Metrics.MetricProblem.EmptyFile => MetricProblemEmptyFile(detail),
        Metrics.MetricProblem.TooManyRows => MetricProblemTooManyRows(detail),
        Metrics.MetricProblem.UnterminatedQuote => MetricProblemUnterminatedQuote(detail),
        Metrics.MetricProblem.NoSocialChannelForLayout => MetricProblemNoSocialChannelForLayout(detail),
            _ => throw new ArgumentOutOfRangeException(nameof(error), error.Problem, null),
        };
    }

    public string MetricsLayout(Metrics.Csv.MetricsCsvLayout? layout) => layout switch
    {
        Metrics.Csv.MetricsCsvLayout.Generic => MetricsLayoutGeneric,
        Metrics.Csv.MetricsCsvLayout.MetaBusinessSuite => MetricsLayoutMeta,
        Metrics.Csv.MetricsCsvLayout.LinkedInPage => MetricsLayoutLinkedIn,
        Metrics.Csv.MetricsCsvLayout.XAnalytics => MetricsLayoutX,
        _ => MetricsLayoutUnknown,
    };
    // The daily digest
    public string OutboundKindDigest => Get();
    public string CommandDigestNowDescription => Get();
    public string CommandDigestSettingsDescription => Get();
    public string DigestTitle(object arg0) => Format([arg0]);
    public string DigestPeriodYesterday(object arg0) => Format([arg0]);
    public string DigestPeriodSince(object arg0, object arg1) => Format([arg0, arg1]);
    public string DigestNoMetrics => Get();
    public string DigestYesterdayHeading => Get();
    public string DigestTotal => Get();
    public string DigestPosts(object arg0) => Format([arg0]);
    public string DigestImpressions(object arg0, object arg1) => Format([arg0, arg1]);
    public string DigestEngagements(object arg0, object arg1) => Format([arg0, arg1]);
    public string DigestRate(object arg0, object arg1) => Format([arg0, arg1]);
    public string DigestNoRate => Get();
    public string DigestNoFigures => Get();
    public string DigestPercentPoints(object arg0) => Format([arg0]);
    public string DigestAndMore(object arg0) => Format([arg0]);
    public string DigestTopHeading => Get();
    public string DigestTopPost(object arg0, object arg1, object arg2, object arg3) => Format([arg0, arg1, arg2, arg3]);
    public string DigestWeakestPost(object arg0, object arg1, object arg2, object arg3) => Format([arg0, arg1, arg2, arg3]);
    public string DigestNoPostFigures => Get();
    public string DigestBehindHeading => Get();
    public string DigestBehindLine(object arg0, object arg1, object arg2, object arg3, object arg4) => Format([arg0, arg1, arg2, arg3, arg4]);
    public string DigestNoOwner => Get();
    public string DigestOnTrack => Get();
    public string DigestWaitingHeading => Get();
    public string DigestWaitingLine(object arg0, object arg1, object arg2, object arg3, object arg4) => Format([arg0, arg1, arg2, arg3, arg4]);
    public string DigestOverdue => Get();
    public string DigestNoReviewer => Get();
    public string DigestNothingWaiting => Get();
    public string DigestTodayHeading => Get();
    public string DigestTodayLine(object arg0, object arg1, object arg2) => Format([arg0, arg1, arg2]);
    public string DigestNotApproved => Get();
    public string DigestNothingToday => Get();
    public string DigestChartHeading => Get();
    public string DigestChartTitle => Get();
    public string DigestWeekAheadHeading => Get();
    public string DigestGap => Get();
    public string DigestDayOff => Get();
    public string DigestGaps(object arg0) => Format([arg0]);
    public string DigestLastWeekHeading => Get();
    public string DigestGoalLine(object arg0, object arg1, object arg2) => Format([arg0, arg1, arg2]);
    public string DigestGoalRate(object arg0, object arg1) => Format([arg0, arg1]);
    public string DigestSectionWeekAhead => Get();
    public string DigestQueued => Get();
    public string DigestNoAddress => Get();
    public string DigestSettingsTitle => Get();
    public string DigestSettingsNextRun(object arg0) => Format([arg0]);
    public string DigestSettingsEnabled => Get();
    public string DigestSettingsTime(object arg0) => Format([arg0]);
    public string DigestSettingsDays => Get();
    public string DigestSettingsSections => Get();
    public string DigestSettingsSaved => Get();
    public string DigestSettingsOff => Get();
    public string DigestSettingsInvalidTime => Get();
    public string DigestSettingsInvalidDays => Get();
    public string DigestSettingsInvalidSections => Get();
    public string DigestSettingsNoSections => Get();

    public bool IsGerman => Culture.TwoLetterISOLanguageName == "de";

    public string RoleName(Teams.TeamRole role) => role switch
    {
        Teams.TeamRole.Coordinator => RoleCoordinator,
        Teams.TeamRole.Editor => RoleEditor,
        Teams.TeamRole.Reviewer => RoleReviewer,
        _ => RoleViewer,
    };

    /// <summary>24.12.2026 in German, Dec 24, 2026 in English.</summary>
    public string Date(DateOnly date) => date.ToString(IsGerman ? "dd.MM.yyyy" : "MMM d, yyyy", Culture);

    public string RelativeNow => Get();
    public string RelativeInMinute => Get();
    public string RelativeInMinutes(object arg0) => Format([arg0]);
    public string RelativeInHour => Get();
    public string RelativeInHours(object arg0) => Format([arg0]);
    public string RelativeInDay => Get();
    public string RelativeInDays(object arg0) => Format([arg0]);
    public string RelativeMinuteAgo => Get();
    public string RelativeMinutesAgo(object arg0) => Format([arg0]);
    public string RelativeHourAgo => Get();
    public string RelativeHoursAgo(object arg0) => Format([arg0]);
    public string RelativeDayAgo => Get();
    public string RelativeDaysAgo(object arg0) => Format([arg0]);

    /// <summary>
    /// "in 2 Stunden", "vor 3 Tagen": the distance from now in the largest unit that reads naturally, rounded, because
    /// "in 1 Stunde 58 Minuten" is exactness nobody planning a post needs.
    /// </summary>
    public string Relative(DateTimeOffset instant, DateTimeOffset now)
    {
        var distance = (instant - now).Duration();
        var future = instant >= now;
        var minutes = (int)Math.Round(distance.TotalMinutes, MidpointRounding.AwayFromZero);
        if (minutes < 1)
        {
            return RelativeNow;
        }

        if (minutes < 60)
        {
            return (future, minutes) switch
            {
                (true, 1) => RelativeInMinute,
                (true, _) => RelativeInMinutes(minutes),
                (false, 1) => RelativeMinuteAgo,
                _ => RelativeMinutesAgo(minutes),
            };
        }

        var hours = (int)Math.Round(distance.TotalHours, MidpointRounding.AwayFromZero);
        if (hours < 24)
        {
            return (future, hours) switch
            {
                (true, 1) => RelativeInHour,
                (true, _) => RelativeInHours(hours),
                (false, 1) => RelativeHourAgo,
                _ => RelativeHoursAgo(hours),
            };
        }

        var days = (int)Math.Round(distance.TotalDays, MidpointRounding.AwayFromZero);
        return (future, days) switch
        {
            (true, 1) => RelativeInDay,
            (true, _) => RelativeInDays(days),
            (false, 1) => RelativeDayAgo,
            _ => RelativeDaysAgo(days),
        };
    }

    public string Percent(decimal fraction) => fraction.ToString("P1", Culture);

    private string Format(object[] arguments, [CallerMemberName] string key = "") => string.Format(Culture, Get(key), arguments);

    private string Get([CallerMemberName] string key = "") =>
        Resources.GetString(key, Culture) ?? throw new MissingManifestResourceException($"No text for '{key}'.");
}
