using Bot.Localization;

namespace Bot.Staffing;

/// <summary>What makes an absence impossible to record, said once for the <c>away</c> command and the absence form.</summary>
public static class AbsenceRules
{
    /// <summary>
    /// Why the absence cannot be recorded on <paramref name="today"/> (the team's local date), or null. One that is
    /// already over would route nothing to a cover and only look like a mistake in the staffing overview.
    /// </summary>
    public static string? Problem(DateOnly firstDay, DateOnly lastDay, DateOnly today) =>
        lastDay < firstDay ? RangeReversed(firstDay, lastDay)
        : lastDay < today ? Texts.FormatAbsenceInPast(lastDay: LocalFormat.Date(lastDay))
        : null;

    public static string RangeReversed(DateOnly firstDay, DateOnly lastDay) =>
        Texts.FormatAbsenceRangeReversed(firstDay: LocalFormat.Date(firstDay), lastDay: LocalFormat.Date(lastDay));
}
