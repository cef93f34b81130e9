namespace Bot.Teams;

/// <summary>
/// Append-only record of team changes (roles, social channels, assignments, absences, goals): who did what, when.
/// Never updated; a correction is a new entry.
/// </summary>
public sealed class TeamAuditEntry
{
    public long Id { get; init; }
    public required string TeamId { get; init; }
    public DateTimeOffset At { get; init; }
    public required string ActorAadObjectId { get; init; }
    public required string Action { get; init; }
    public string? SubjectAadObjectId { get; init; }
    public int? SocialChannelId { get; init; }
    public string? Details { get; init; }
}
