namespace Bot.Staffing;

public enum Responsibility
{
    Owner,
    Cover,
    Backup,
    Coordinator,
}

public sealed record ResponsiblePerson(string AadObjectId, Responsibility Responsibility);

/// <summary>Everyone who could answer for one social channel, with the absences that matter.</summary>
public sealed record SocialChannelStaffing(
    string? OwnerAadObjectId,
    IReadOnlyList<string> BackupAadObjectIds,
    IReadOnlyList<string> CoordinatorAadObjectIds,
    IReadOnlyList<Absence> Absences);

/// <summary>
/// Who gets a review, reminder or due-post nudge for a social channel at a given moment: the owner; while the owner is
/// away, the owner's cover, then the backups, then a coordinator; nobody who is away themselves. Absences are whole
/// days in the team's time zone, so 23:30 in Berlin on the last day of an absence is still inside it.
/// </summary>
public static class ResponsibilityRouting
{
    public static ResponsiblePerson? Resolve(SocialChannelStaffing staffing, DateTimeOffset at, TimeZoneInfo teamTimeZone)
    {
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, teamTimeZone).DateTime);
        bool IsAway(string person) => staffing.Absences.Any(a => a.AadObjectId == person && a.Covers(day));

        if (staffing.OwnerAadObjectId is { } owner)
        {
            if (!IsAway(owner))
            {
                return new ResponsiblePerson(owner, Responsibility.Owner);
            }

            var cover = staffing.Absences.FirstOrDefault(a => a.AadObjectId == owner && a.Covers(day))?.CoverAadObjectId;
            if (cover is not null && !IsAway(cover))
            {
                return new ResponsiblePerson(cover, Responsibility.Cover);
            }
        }

        var backup = staffing.BackupAadObjectIds.FirstOrDefault(b => !IsAway(b));
        if (backup is not null)
        {
            return new ResponsiblePerson(backup, Responsibility.Backup);
        }

        var coordinator = staffing.CoordinatorAadObjectIds.FirstOrDefault(c => !IsAway(c));
        return coordinator is null ? null : new ResponsiblePerson(coordinator, Responsibility.Coordinator);
    }
}
