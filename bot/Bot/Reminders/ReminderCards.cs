using System.Globalization;
using Bot.Localization;
using Bot.Posts;
using Bot.Protocol.AdaptiveCards;

namespace Bot.Reminders;

/// <summary>The cards reminders send: "publish now" with the final text, the missed-slot choice, and the team's settings form.</summary>
public static class ReminderCards
{
    public const string SocialChannelData = "socialChannelId";
    public const string LiveUrlInput = "liveUrl";
    public const string NewDateInput = "newDate";
    public const string NewTimeInput = "newTime";
    public const string SlaInput = "slaHours";
    public const string DeadlineInput = "deadlineHours";
    public const string PlanGapInput = "planGapDays";
    public const string WorkStartInput = "workStart";
    public const string WorkEndInput = "workEnd";
    public const string WorkingDaysInput = "workingDays";
    public const string TimeZoneInput = "timeZone";
    public const string HolidaysInput = "holidays";
    public const string KindsInput = "kindsOn";

    /// <summary>The planned time has come: the final text for one social channel and a "Mark published" with its live URL.</summary>
    public static AdaptiveCard DueNow(Post post, PostVariant variant, string socialChannelName, bool followUp)
    {
        ArgumentNullException.ThrowIfNull(post);
        ArgumentNullException.ThrowIfNull(variant);
        return new AdaptiveCard
        {
            Body =
            [
                new TextBlock(followUp ? Texts.FormatDueNowFollowUpTitle(post.WorkingTitle) : Texts.FormatDueNowTitle(post.WorkingTitle)) { Size = "Large", Weight = "Bolder" },
                new TextBlock(Texts.FormatDueNowIntro(socialChannelName, PostWorkflow.ShortId(post.Id))),
                new Container { Style = "emphasis", Items = [new TextBlock(variant.Text)] },
                new InputText { Id = LiveUrlInput, Label = Texts.DueNowLiveUrl, Placeholder = "https://", IsRequired = true, ErrorMessage = Texts.RefusalInvalidLiveUrl },
                new ActionSet
                {
                    Actions =
                    [
                        new ActionExecute
                        {
                            Title = Texts.MarkPublishedButton,
                            Verb = MarkPublishedAction.Verb,
                            Style = "positive",
                            Data = new Dictionary<string, object?>
                            {
                                [PostCards.PostIdData] = post.Id.ToString("D"),
                                [SocialChannelData] = variant.SocialChannelId.ToString(CultureInfo.InvariantCulture),
                            },
                        },
                    ],
                },
            ],
        };
    }

    /// <summary>The slot passed without an approval: nothing went out; move it to a new time or withdraw the post.</summary>
    public static AdaptiveCard MissedSlot(Post post, string shortId, string plannedAt, TimeZoneInfo zone, DateTimeOffset now, string? notice = null)
    {
        ArgumentNullException.ThrowIfNull(post);
        ArgumentNullException.ThrowIfNull(zone);
        var data = new Dictionary<string, object?> { [PostCards.PostIdData] = post.Id.ToString("D") };
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        List<AdaptiveElement> body =
        [
            new TextBlock(Texts.FormatMissedSlotTitle(post.WorkingTitle)) { Size = "Large", Weight = "Bolder" },
            new TextBlock(Texts.FormatMissedSlotText(plannedAt, PostCards.StatusName(post.Status), shortId)),
        ];
        if (notice is not null)
        {
            body.Add(new TextBlock(notice) { Color = "Attention" });
        }

        body.AddRange(
        [
            new InputDate { Id = NewDateInput, Label = Texts.DraftFormPlannedDate, Min = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) },
            new InputTime { Id = NewTimeInput, Label = Texts.FormatDraftFormPlannedTime(zone.Id) },
            new ActionSet
            {
                Actions =
                [
                    new ActionExecute { Title = Texts.MissedSlotMoveButton, Verb = MoveSlotAction.Verb, Style = "positive", Data = data },
                    new ActionExecute { Title = Texts.MissedSlotWithdrawButton, Verb = WithdrawAfterMissedSlotAction.Verb, Style = "destructive", Data = data },
                ],
            },
        ]);
        return new AdaptiveCard { Body = body };
    }

    /// <summary>A coordinator's form for the team's reminder settings, filled with what is stored.</summary>
    public static AdaptiveCard Settings(ReminderSettings settings, string timeZoneId, string? notice = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var culture = CultureInfo.InvariantCulture;
        List<AdaptiveElement> body = [new TextBlock(Texts.SettingsTitle) { Size = "Large", Weight = "Bolder" }];
        if (notice is not null)
        {
            body.Add(new TextBlock(notice) { Color = "Attention" });
        }

        body.AddRange(
        [
            new InputText { Id = SlaInput, Label = Texts.SettingsSla, Value = settings.ReviewSlaHours.ToString(culture) },
            new InputText { Id = DeadlineInput, Label = Texts.SettingsDeadline, Value = settings.DeadlineHours.ToString(culture) },
            new InputText { Id = PlanGapInput, Label = Texts.SettingsPlanGap, Value = settings.PlanGapDays.ToString(culture) },
            new InputTime { Id = WorkStartInput, Label = Texts.SettingsWorkStart, Value = settings.WorkStart.ToString("HH:mm", culture) },
            new InputTime { Id = WorkEndInput, Label = Texts.SettingsWorkEnd, Value = settings.WorkEnd.ToString("HH:mm", culture) },
            new InputChoiceSet
            {
                Id = WorkingDaysInput,
                Label = Texts.SettingsWorkingDays,
                IsMultiSelect = true,
                Value = string.Join(",", settings.WorkingDays.Select(d => ((int)d).ToString(culture))),
                Choices = [.. WeekFromMonday.Select(d => new Choice(BotLanguage.Current.DateTimeFormat.GetDayName(d), ((int)d).ToString(culture)))],
            },
            new InputText { Id = TimeZoneInput, Label = Texts.SettingsTimeZone, Value = timeZoneId },
            new InputText { Id = HolidaysInput, Label = Texts.SettingsHolidays, Placeholder = "2026-12-24, 2026-12-25", Value = string.Join(", ", settings.Holidays.Select(h => h.ToString("yyyy-MM-dd", culture))) },
            new InputChoiceSet
            {
                Id = KindsInput,
                Label = Texts.SettingsKinds,
                IsMultiSelect = true,
                Style = "expanded",
                Value = string.Join(",", Enum.GetValues<ReminderKind>().Where(settings.IsOn)),
                Choices = [.. Enum.GetValues<ReminderKind>().Select(k => new Choice(ReminderDisplayNames.Kind(k), k.ToString()))],
            },
            new ActionSet { Actions = [new ActionExecute { Title = Texts.SettingsSave, Verb = SaveReminderSettingsAction.Verb, Style = "positive" }] },
        ]);
        return new AdaptiveCard { Body = body };
    }

    private static readonly DayOfWeek[] WeekFromMonday =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];
}
