using Bot.Staffing;

namespace Bot.Tests.Assignments;

public sealed class ResponsibilityRoutingTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
    private const string Anna = "anna";
    private const string Ben = "ben";
    private const string Clara = "clara";
    private const string Coordinator = "carla-coordinator";

    private static Absence AnnaAway(string firstDay, string lastDay, string? cover = null) => new()
    {
        TeamId = "team",
        AadObjectId = Anna,
        FirstDay = DateOnly.Parse(firstDay, System.Globalization.CultureInfo.InvariantCulture),
        LastDay = DateOnly.Parse(lastDay, System.Globalization.CultureInfo.InvariantCulture),
        CoverAadObjectId = cover,
    };

    private static SocialChannelStaffing Staffing(params Absence[] absences) => new(Anna, [Clara], [Coordinator], absences);

    private static ResponsiblePerson? At(SocialChannelStaffing staffing, string instant) =>
        ResponsibilityRouting.Resolve(staffing, DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture), Berlin);

    [Fact]
    public void The_owner_answers_when_present()
    {
        Assert.Equal(new ResponsiblePerson(Anna, Responsibility.Owner), At(Staffing(), "2026-12-21T09:00:00+01:00"));
    }

    [Fact]
    public void The_cover_answers_while_the_owner_is_away()
    {
        var staffing = Staffing(AnnaAway("2026-12-20", "2027-01-06", cover: Ben));

        Assert.Equal(new ResponsiblePerson(Ben, Responsibility.Cover), At(staffing, "2026-12-28T10:00:00+01:00"));
    }

    [Theory]
    [InlineData("2026-12-19T23:59:59+01:00", "anna")]
    [InlineData("2026-12-20T00:00:00+01:00", "ben")]
    [InlineData("2027-01-06T23:59:59+01:00", "ben")]
    [InlineData("2027-01-07T00:00:00+01:00", "anna")]
    public void Absence_boundaries_are_inclusive_whole_days_in_Berlin(string instant, string expected)
    {
        var staffing = Staffing(AnnaAway("2026-12-20", "2027-01-06", cover: Ben));

        Assert.Equal(expected, At(staffing, instant)!.AadObjectId);
    }

    [Fact]
    public void Berlin_date_decides_not_the_UTC_date()
    {
        var staffing = Staffing(AnnaAway("2026-12-20", "2027-01-06", cover: Ben));

        // 23:30 UTC on 6 January is already 7 January in Berlin: Anna is back.
        Assert.Equal(Anna, At(staffing, "2027-01-06T23:30:00Z")!.AadObjectId);
        // 23:30 UTC on 19 December is 20 December in Berlin: Anna is away.
        Assert.Equal(Ben, At(staffing, "2026-12-19T23:30:00Z")!.AadObjectId);
    }

    [Fact]
    public void Backups_step_in_when_the_owner_is_away_without_cover()
    {
        var staffing = Staffing(AnnaAway("2026-12-20", "2027-01-06"));

        Assert.Equal(new ResponsiblePerson(Clara, Responsibility.Backup), At(staffing, "2026-12-22T09:00:00+01:00"));
    }

    [Fact]
    public void A_cover_who_is_away_too_is_skipped_for_the_backups()
    {
        var benAway = new Absence { TeamId = "team", AadObjectId = Ben, FirstDay = new DateOnly(2026, 12, 24), LastDay = new DateOnly(2026, 12, 26) };
        var staffing = Staffing(AnnaAway("2026-12-20", "2027-01-06", cover: Ben), benAway);

        Assert.Equal(Clara, At(staffing, "2026-12-25T09:00:00+01:00")!.AadObjectId);
        Assert.Equal(Ben, At(staffing, "2026-12-27T09:00:00+01:00")!.AadObjectId);
    }

    [Fact]
    public void The_coordinator_answers_when_everyone_else_is_away()
    {
        var claraAway = new Absence { TeamId = "team", AadObjectId = Clara, FirstDay = new DateOnly(2026, 12, 1), LastDay = new DateOnly(2026, 12, 31) };
        var staffing = Staffing(AnnaAway("2026-12-20", "2027-01-06"), claraAway);

        Assert.Equal(new ResponsiblePerson(Coordinator, Responsibility.Coordinator), At(staffing, "2026-12-22T09:00:00+01:00"));
    }

    [Fact]
    public void A_social_channel_without_owner_goes_to_backups_then_coordinators()
    {
        Assert.Equal(Clara, ResponsibilityRouting.Resolve(new SocialChannelStaffing(null, [Clara], [Coordinator], []), DateTimeOffset.UnixEpoch, Berlin)!.AadObjectId);
        Assert.Equal(Coordinator, ResponsibilityRouting.Resolve(new SocialChannelStaffing(null, [], [Coordinator], []), DateTimeOffset.UnixEpoch, Berlin)!.AadObjectId);
        Assert.Null(ResponsibilityRouting.Resolve(new SocialChannelStaffing(null, [], [], []), DateTimeOffset.UnixEpoch, Berlin));
    }
}
