namespace Bot.Digest;

/// <summary>The parts of the morning digest a coordinator can switch off (<c>digest settings</c>).</summary>
public enum DigestSection
{
    Yesterday,
    TopAndWeakestPost,
    BehindCadence,
    WaitingForReview,
    GoingOutToday,
    Chart,
    WeekAhead,
}

/// <summary>When and what a team's digest carries. One row per team; absent means the defaults.</summary>
public sealed class TeamDigestSettings
{
    public static readonly TimeOnly DefaultLocalTime = new(9, 0);

    public required string TeamId { get; init; }
    public bool IsEnabled { get; set; } = true;
    public TimeOnly LocalTime { get; set; } = DefaultLocalTime;

    /// <summary>Empty means the team's working days from the reminder settings.</summary>
    public List<DayOfWeek> Days { get; set; } = [];

    public List<DigestSection> SwitchedOffSections { get; set; } = [];
    public string? UpdatedByAadObjectId { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>
/// The idempotency record of the daily digest: (team, local date) is unique, and the row is written in the same
/// transaction that queues the card, so a second trigger, a restart or another instance finds it and sends nothing.
/// </summary>
public sealed class DigestDelivery
{
    public long Id { get; init; }
    public required string TeamId { get; init; }
    public DateOnly Date { get; init; }
    public DateTimeOffset SentAt { get; init; }

    /// <summary><c>schedule</c> for the daily trigger, <c>manual</c> for <c>digest now</c> (which does not count).</summary>
    public required string Trigger { get; init; }
}
