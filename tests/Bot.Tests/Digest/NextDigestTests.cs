using Bot.Digest;
using Microsoft.Extensions.Time.Testing;

namespace Bot.Tests.Digest;

/// <summary>
/// The next digest the settings card names: the trigger fires every day, but the digest goes out only on digest days,
/// so the next one is the first digest day at the set local time, across weekends, holidays and both DST switches.
/// </summary>
public sealed class NextDigestTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    private static WorkingCalendar MondayToFriday(params DateOnly[] holidays) =>
        new(Berlin, [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday], new TimeOnly(8, 0), new TimeOnly(18, 0), holidays);

    private static TeamDigestSettings Settings(params DayOfWeek[] days) => new() { TeamId = "team", Days = [.. days] };

    [Fact]
    public void On_a_friday_after_nine_the_next_digest_is_monday_not_saturday()
    {
        // Friday 4 December 2026, 12:00 in Berlin.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 4, 11, 0, 0, TimeSpan.Zero));

        var next = DailyDigest.NextDigest(Settings(), MondayToFriday(), clock.GetUtcNow());

        Assert.Equal(new DateTimeOffset(2026, 12, 7, 8, 0, 0, TimeSpan.Zero), next);
    }

    [Fact]
    public void Before_nine_on_a_working_day_the_next_digest_is_today()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 4, 7, 59, 0, TimeSpan.Zero));

        Assert.Equal(new DateTimeOffset(2026, 12, 4, 8, 0, 0, TimeSpan.Zero), DailyDigest.NextDigest(Settings(), MondayToFriday(), clock.GetUtcNow()));
    }

    [Theory]
    // Friday 23 October 2026 → Monday 26 October, 09:00 CET after the 25-hour Sunday.
    [InlineData("2026-10-23T10:00:00Z", "2026-10-26T08:00:00Z")]
    // Friday 26 March 2027 → Monday 29 March, 09:00 CEST after the 23-hour Sunday.
    [InlineData("2027-03-26T10:00:00Z", "2027-03-29T07:00:00Z")]
    public void Over_a_dst_weekend_the_next_digest_is_nine_on_the_monday_wall_clock(string now, string expected)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture));

        var next = DailyDigest.NextDigest(Settings(), MondayToFriday(), clock.GetUtcNow());

        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), next);
        Assert.Equal(new TimeOnly(9, 0), TimeOnly.FromDateTime(TimeZoneInfo.ConvertTime(next!.Value, Berlin).DateTime));
    }

    [Fact]
    public void Holidays_and_the_teams_own_digest_days_are_skipped_and_an_switched_off_digest_has_none()
    {
        var friday = new DateTimeOffset(2026, 12, 4, 11, 0, 0, TimeSpan.Zero);

        // Monday 7 December a holiday: Tuesday.
        Assert.Equal(new DateTimeOffset(2026, 12, 8, 8, 0, 0, TimeSpan.Zero), DailyDigest.NextDigest(Settings(), MondayToFriday(new DateOnly(2026, 12, 7)), friday));

        // Digest on Wednesdays only: Wednesday 9 December.
        Assert.Equal(new DateTimeOffset(2026, 12, 9, 8, 0, 0, TimeSpan.Zero), DailyDigest.NextDigest(Settings(DayOfWeek.Wednesday), MondayToFriday(), friday));

        var off = Settings();
        off.IsEnabled = false;
        Assert.Null(DailyDigest.NextDigest(off, MondayToFriday(), friday));
    }
}
