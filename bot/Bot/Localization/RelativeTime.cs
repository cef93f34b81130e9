namespace Bot.Localization;

/// <summary>"in 2 Stunden", "vor 3 Tagen", in the current language.</summary>
public static class RelativeTime
{
    /// <summary>
    /// The distance from now in the largest unit that reads naturally, rounded, because "in 1 Stunde 58 Minuten" is
    /// exactness nobody planning a post needs.
    /// </summary>
    public static string Describe(DateTimeOffset instant, DateTimeOffset now)
    {
        var distance = (instant - now).Duration();
        var future = instant >= now;
        var minutes = (int)Math.Round(distance.TotalMinutes, MidpointRounding.AwayFromZero);
        if (minutes < 1)
        {
            return Texts.RelativeNow;
        }

        if (minutes < 60)
        {
            return (future, minutes) switch
            {
                (true, 1) => Texts.RelativeInMinute,
                (true, _) => Texts.FormatRelativeInMinutes(minutes),
                (false, 1) => Texts.RelativeMinuteAgo,
                _ => Texts.FormatRelativeMinutesAgo(minutes),
            };
        }

        var hours = (int)Math.Round(distance.TotalHours, MidpointRounding.AwayFromZero);
        if (hours < 24)
        {
            return (future, hours) switch
            {
                (true, 1) => Texts.RelativeInHour,
                (true, _) => Texts.FormatRelativeInHours(hours),
                (false, 1) => Texts.RelativeHourAgo,
                _ => Texts.FormatRelativeHoursAgo(hours),
            };
        }

        var days = (int)Math.Round(distance.TotalDays, MidpointRounding.AwayFromZero);
        return (future, days) switch
        {
            (true, 1) => Texts.RelativeInDay,
            (true, _) => Texts.FormatRelativeInDays(days),
            (false, 1) => Texts.RelativeDayAgo,
            _ => Texts.FormatRelativeDaysAgo(days),
        };
    }
}
