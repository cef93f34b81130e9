using Bot.Protocol.Builder;
using Bot.Teams;
using Bot.Turns;

namespace Bot.Digest;

/// <summary>A new team gets its morning digest from the first working day on, at the default time.</summary>
public sealed class DigestOnInstall(DigestRescheduling rescheduling) : IInstallationObserver
{
    public Task OnInstalledAsync(ITurnContext turn, Team? team, CancellationToken cancellationToken) =>
        team is null ? Task.CompletedTask : rescheduling.AfterCommitAsync(team.TeamId, team.TimeZoneId, cancellationToken);
}
