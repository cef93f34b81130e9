using Bot.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Bot.Digest;

/// <summary>A team's digest settings: the stored row, or the defaults (09:00, working days, every section).</summary>
public sealed class DigestSettingsStore(BotDbContext database, TimeProvider timeProvider)
{
    public async Task<TeamDigestSettings> SettingsOfAsync(string teamId, CancellationToken cancellationToken) =>
        await database.DigestSettings.AsNoTracking().SingleOrDefaultAsync(s => s.TeamId == teamId, cancellationToken)
        ?? new TeamDigestSettings { TeamId = teamId };

    public async Task<TeamDigestSettings> SaveAsync(string teamId, bool enabled, TimeOnly localTime, IReadOnlyList<DayOfWeek> days, IReadOnlyList<DigestSection> switchedOff, string actorAadObjectId, CancellationToken cancellationToken)
    {
        var stored = await database.DigestSettings.SingleOrDefaultAsync(s => s.TeamId == teamId, cancellationToken);
        if (stored is null)
        {
            stored = new TeamDigestSettings { TeamId = teamId };
            database.DigestSettings.Add(stored);
        }

        stored.IsEnabled = enabled;
        stored.LocalTime = localTime;
        stored.Days = [.. days.Distinct().Order()];
        stored.SwitchedOffSections = [.. switchedOff.Distinct().Order()];
        stored.UpdatedByAadObjectId = actorAadObjectId;
        stored.UpdatedAt = timeProvider.GetUtcNow();
        await database.SaveChangesAsync(cancellationToken);
        return stored;
    }
}
