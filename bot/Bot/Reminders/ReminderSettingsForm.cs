using System.Globalization;
using Bot.Localization;
using Bot.Turns;

namespace Bot.Reminders;

/// <summary>
/// Reads the reminder settings form as submitted. The card's inputs restrict nothing that matters: every field is
/// checked here, and the first one that does not hold is named back.
/// </summary>
internal static class ReminderSettingsForm
{
    public static (ReminderSettings Settings, string TimeZoneId, string? Problem) Read(CardActionRequest request, ReminderSettings stored, string storedZone)
    {
        var culture = CultureInfo.InvariantCulture;
        (ReminderSettings, string, string?) Refuse(string label) => (stored, storedZone, Texts.FormatSettingsInvalid(label));

        if (!int.TryParse(request.Input(ReminderCards.SlaInput), NumberStyles.None, culture, out var sla))
        {
            return Refuse(Texts.SettingsSla);
        }

        if (!int.TryParse(request.Input(ReminderCards.DeadlineInput), NumberStyles.None, culture, out var deadline))
        {
            return Refuse(Texts.SettingsDeadline);
        }

        if (!int.TryParse(request.Input(ReminderCards.PlanGapInput), NumberStyles.None, culture, out var planGap))
        {
            return Refuse(Texts.SettingsPlanGap);
        }

        if (!TimeOnly.TryParseExact(request.Input(ReminderCards.WorkStartInput), ["HH:mm", "HH:mm:ss"], culture, DateTimeStyles.None, out var start))
        {
            return Refuse(Texts.SettingsWorkStart);
        }

        if (!TimeOnly.TryParseExact(request.Input(ReminderCards.WorkEndInput), ["HH:mm", "HH:mm:ss"], culture, DateTimeStyles.None, out var end) || end <= start)
        {
            return Refuse(Texts.SettingsWorkEnd);
        }

        var days = new List<DayOfWeek>();
        foreach (var part in Parts(request.Input(ReminderCards.WorkingDaysInput)))
        {
            if (!int.TryParse(part, NumberStyles.None, culture, out var day) || day > 6)
            {
                return Refuse(Texts.SettingsWorkingDays);
            }

            days.Add((DayOfWeek)day);
        }

        var zoneId = request.Input(ReminderCards.TimeZoneInput)?.Trim() ?? string.Empty;
        if (zoneId.Length == 0 || !TimeZoneInfo.TryFindSystemTimeZoneById(zoneId, out var zone) || !zone.HasIanaId)
        {
            return Refuse(Texts.SettingsTimeZone);
        }

        var holidays = new List<DateOnly>();
        foreach (var part in Parts(request.Input(ReminderCards.HolidaysInput)))
        {
            if (!DateOnly.TryParseExact(part, "yyyy-MM-dd", culture, DateTimeStyles.None, out var holiday) && !CommandArguments.TryParseDate(part, out holiday))
            {
                return Refuse(Texts.SettingsHolidays);
            }

            holidays.Add(holiday);
        }

        var on = new HashSet<ReminderKind>();
        foreach (var part in Parts(request.Input(ReminderCards.KindsInput)))
        {
            if (!Enum.TryParse<ReminderKind>(part, ignoreCase: false, out var kind) || !Enum.IsDefined(kind))
            {
                return Refuse(Texts.SettingsKinds);
            }

            on.Add(kind);
        }

        var settings = new ReminderSettings
        {
            ReviewSlaHours = sla,
            DeadlineHours = deadline,
            PlanGapDays = planGap,
            WorkStart = start,
            WorkEnd = end,
            WorkingDays = [.. days.Distinct().Order()],
            Holidays = [.. holidays.Distinct().Order()],
            SwitchedOff = [.. Enum.GetValues<ReminderKind>().Where(k => !on.Contains(k))],
        };
        return settings.Problems() is [var first, ..]
            ? Refuse(first switch
            {
                nameof(ReminderSettings.ReviewSlaHours) => Texts.SettingsSla,
                nameof(ReminderSettings.DeadlineHours) => Texts.SettingsDeadline,
                nameof(ReminderSettings.PlanGapDays) => Texts.SettingsPlanGap,
                nameof(ReminderSettings.WorkingDays) => Texts.SettingsWorkingDays,
                _ => Texts.SettingsWorkEnd,
            })
            : (settings, zone.Id, null);
    }

    private static IEnumerable<string> Parts(string? input) =>
        (input ?? string.Empty).Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
