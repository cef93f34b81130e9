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
/// <remarks>
/// Who is asked (<see cref="Resolve"/>) and who may act (<see cref="LookingAfter"/>) come from here and nowhere else:
/// an assignment is the permission, whatever the person's role, so whoever is asked to review or to publish a social
/// channel's post can do it.
/// </remarks>
public static class ResponsibilityRouting
{
    /// <summary>
    /// Everyone who may act for the social channel at <paramref name="at"/>: the owner and the backups (away or not: a
    /// nudge is read later than it is sent), the cover of an absent owner, and whoever <see cref="Resolve"/> asks, so
    /// the one who got the nudge is always among them.
    /// </summary>
    public static IReadOnlyList<string> LookingAfter(SocialChannelStaffing staffing, DateTimeOffset at, TimeZoneInfo teamTimeZone)
    {
        ArgumentNullException.ThrowIfNull(staffing);
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, teamTimeZone).DateTime);
        var people = new List<string>();
        if (staffing.OwnerAadObjectId is { } owner)
        {
            people.Add(owner);
            people.AddRange(staffing.Absences
                .Where(a => a.AadObjectId == owner && a.Covers(day) && a.CoverAadObjectId is not null)
                .Select(a => a.CoverAadObjectId!));
        }

        people.AddRange(staffing.BackupAadObjectIds);
        if (Resolve(staffing, at, teamTimeZone) is { } asked)
        {
            people.Add(asked.AadObjectId);
        }

        return [.. people.Distinct(StringComparer.OrdinalIgnoreCase)];
    }

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
