namespace Bot.Teams;

/// <summary>
/// Hears that a team's time zone was saved (with the reminder settings, so possibly the zone it already had), in
/// registration order, once the save is committed, inside the turn: a feature whose triggers run in the team's zone
/// moves them without the feature that saved knowing it.
/// </summary>
public interface ITeamTimeZoneObserver
{
    Task OnTimeZoneSavedAsync(string teamId, string timeZoneId, CancellationToken cancellationToken);
}
