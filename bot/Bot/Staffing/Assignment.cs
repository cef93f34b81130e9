namespace Bot.Staffing;

/// <summary>Who looks after a social channel: exactly one owner, any number of backups.</summary>
public sealed class SocialChannelAssignment
{
    public int Id { get; init; }
    public required string TeamId { get; init; }
    public int SocialChannelId { get; init; }
    public required string AadObjectId { get; init; }
    public AssignmentKind Kind { get; init; }
    public DateTimeOffset Since { get; init; }
}

public enum AssignmentKind
{
    Owner,
    Backup,
}

/// <summary>
/// Someone is away from <see cref="FirstDay"/> to <see cref="LastDay"/>, both inclusive, as dates in the team's time zone
/// (people say "20.12. to 06.01.", not instants). Ends on its own: nothing has to switch it off.
/// </summary>
public sealed class Absence
{
    public int Id { get; init; }
    public required string TeamId { get; init; }
    public required string AadObjectId { get; init; }
    public DateOnly FirstDay { get; init; }
    public DateOnly LastDay { get; init; }

    /// <summary>The colleague who covers (Vertretung); without one, backups and then coordinators step in.</summary>
    public string? CoverAadObjectId { get; init; }

    public DateTimeOffset RecordedAt { get; init; }

    public bool Covers(DateOnly day) => FirstDay <= day && day <= LastDay;
}

/// <summary>A SMART cadence goal for a social channel: posts per week, and optionally an engagement rate to reach.</summary>
public sealed class CadenceGoal
{
    public int SocialChannelId { get; init; }
    public required string TeamId { get; init; }
    public int PostsPerWeek { get; set; }

    /// <summary>As a fraction: 0.04 is 4 %.</summary>
    public decimal? EngagementRateTarget { get; set; }
}
