using Bot.Teams;

namespace Bot.Digest;

/// <summary>The digest's cron trigger runs in the team's time zone, so it moves with it.</summary>
public sealed class DigestFollowsTimeZone(DigestRescheduling rescheduling) : ITeamTimeZoneObserver
{
    public Task OnTimeZoneSavedAsync(string teamId, string timeZoneId, CancellationToken cancellationToken) =>
        rescheduling.AfterCommitAsync(teamId, timeZoneId, cancellationToken);
}
