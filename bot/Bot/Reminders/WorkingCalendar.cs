namespace Bot.Reminders;

/// <summary>
/// When a team works: its IANA time zone, working days, daily hours and public holidays. Every window is laid out in
/// the team's local time and only then turned into an instant, so "08:00 on Monday" stays 08:00 across both DST
/// switches and a working hour is always a local hour.
/// </summary>
public sealed class WorkingCalendar
{
    // Enough to find the next window even for a team whose holidays cover a whole year.
    private const int MaxDaysAhead = 400;

    public WorkingCalendar(TimeZoneInfo zone, IEnumerable<DayOfWeek> workingDays, TimeOnly start, TimeOnly end, IEnumerable<DateOnly>? holidays = null)
    {
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentNullException.ThrowIfNull(workingDays);
        if (end <= start)
        {
            throw new ArgumentException("A working day must end after it starts.", nameof(end));
        }

        Zone = zone;
        WorkingDays = workingDays.ToHashSet();
        if (WorkingDays.Count == 0)
        {
            throw new ArgumentException("At least one working day is needed.", nameof(workingDays));
        }

        Start = start;
        End = end;
        Holidays = (holidays ?? []).ToHashSet();
    }

    public TimeZoneInfo Zone { get; }
    public IReadOnlySet<DayOfWeek> WorkingDays { get; }
    public TimeOnly Start { get; }
    public TimeOnly End { get; }
    public IReadOnlySet<DateOnly> Holidays { get; }

    public bool IsWorkingDay(DateOnly day) => WorkingDays.Contains(day.DayOfWeek) && !Holidays.Contains(day);

    public bool IsWorkingTime(DateTimeOffset instant) => NextWorkingInstant(instant) == instant;

    /// <summary>The instant itself when it falls in a working window, else the start of the next window.</summary>
    public DateTimeOffset NextWorkingInstant(DateTimeOffset instant) => AddWorkingTime(instant, TimeSpan.Zero);

    /// <summary>The start of the first working window that begins after <paramref name="instant"/>: "the next working morning".</summary>
    public DateTimeOffset NextWorkingMorning(DateTimeOffset instant)
    {
        var day = LocalDay(instant);
        for (var i = 0; i <= MaxDaysAhead; i++, day = day.AddDays(1))
        {
            if (IsWorkingDay(day) && Window(day).Start > instant)
            {
                return Window(day).Start;
            }
        }

        throw new InvalidOperationException("No working day within a year.");
    }

    /// <summary>
    /// <paramref name="from"/> plus <paramref name="duration"/> counted in working time only: Friday 17:30 plus four
    /// working hours is Monday 11:30 with the default hours.
    /// </summary>
    public DateTimeOffset AddWorkingTime(DateTimeOffset from, TimeSpan duration)
    {
        if (duration < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(duration), "Working time is only added forwards.");
        }

        var cursor = from.ToUniversalTime();
        var remaining = duration;
        var day = LocalDay(cursor);
        for (var i = 0; i <= MaxDaysAhead; i++, day = day.AddDays(1))
        {
            if (!IsWorkingDay(day))
            {
                continue;
            }

            var (start, end) = Window(day);
            if (cursor >= end)
            {
                continue;
            }

            if (cursor < start)
            {
                cursor = start;
            }

            var available = end - cursor;
            if (remaining < available || (remaining == available && remaining > TimeSpan.Zero))
            {
                return cursor + remaining;
            }

            remaining -= available;
            cursor = end;
        }

        throw new InvalidOperationException("No working day within a year.");
    }

    private DateOnly LocalDay(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Zone).DateTime);

    private (DateTimeOffset Start, DateTimeOffset End) Window(DateOnly day) => (ToInstant(day, Start), ToInstant(day, End));

    /// <summary>
    /// A local time on a day as an instant. A time that does not exist (the hour skipped in spring) moves on by the
    /// skipped hour; one that exists twice (autumn) is read as the later, standard-time one.
    /// </summary>
    private DateTimeOffset ToInstant(DateOnly day, TimeOnly time)
    {
        var local = day.ToDateTime(time, DateTimeKind.Unspecified);
        if (Zone.IsInvalidTime(local))
        {
            local = local.AddHours(1);
        }

        return new DateTimeOffset(local, Zone.GetUtcOffset(local)).ToUniversalTime();
    }
}
