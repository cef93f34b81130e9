using System.Text.Json;
using System.Text.Json.Serialization;
using Bot.Persistence;
using Bot.Teams;
using Microsoft.EntityFrameworkCore;

namespace Bot.Reminders;

/// <summary>The kinds of reminder a coordinator can switch on or off.</summary>
public enum ReminderKind
{
    Review,
    Deadline,
    DueNow,
    PlanGap,
    MissedSlot,
}

/// <summary>
/// How a team wants to be reminded: review SLA in working hours, how early a deadline warns, how far ahead a social
/// channel's plan must reach, the working hours and days, public holidays, and which kinds are on. The time zone is the
/// team's own (<see cref="Team.TimeZoneId"/>), because planned times are shown in it too.
/// </summary>
public sealed record ReminderSettings
{
    public static ReminderSettings Default { get; } = new();

    public int ReviewSlaHours { get; init; } = 4;
    public int DeadlineHours { get; init; } = 24;
    public int PlanGapDays { get; init; } = 3;
    public IReadOnlyList<DayOfWeek> WorkingDays { get; init; } = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];
    public TimeOnly WorkStart { get; init; } = new(8, 0);
    public TimeOnly WorkEnd { get; init; } = new(18, 0);
    public IReadOnlyList<DateOnly> Holidays { get; init; } = [];
    public IReadOnlyList<ReminderKind> SwitchedOff { get; init; } = [];

    public bool IsOn(ReminderKind kind) => !SwitchedOff.Contains(kind);

    public WorkingCalendar Calendar(string timeZoneId) =>
        new(TimeZoneInfo.FindSystemTimeZoneById(timeZoneId), WorkingDays, WorkStart, WorkEnd, Holidays);

    /// <summary>The checks a settings form is held to; empty when the settings may be stored.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (ReviewSlaHours is < 1 or > 240)
        {
            problems.Add(nameof(ReviewSlaHours));
        }

        if (DeadlineHours is < 1 or > 336)
        {
            problems.Add(nameof(DeadlineHours));
        }

        if (PlanGapDays is < 1 or > 60)
        {
            problems.Add(nameof(PlanGapDays));
        }

        if (WorkingDays.Count == 0)
        {
            problems.Add(nameof(WorkingDays));
        }

        if (WorkEnd <= WorkStart)
        {
            problems.Add(nameof(WorkEnd));
        }

        return problems;
    }
}

/// <summary>One row per team that changed its reminder settings; the settings are one JSON document, read and replaced whole.</summary>
public sealed class TeamReminderSettings
{
    public required string TeamId { get; init; }
    public required ReminderSettings Settings { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public string? UpdatedByAadObjectId { get; set; }
}

public sealed class ReminderSettingsStore(BotDbContext database, TimeProvider timeProvider)
{
    // Compiled once: the reminder worker reads a team's settings for every post it plans.
    private static readonly Func<BotDbContext, string, CancellationToken, Task<TeamReminderSettings?>> StoredSettingsOf =
        EF.CompileAsyncQuery((BotDbContext db, string teamId, CancellationToken _) => db.ReminderSettings.AsNoTracking().SingleOrDefault(s => s.TeamId == teamId));

    public async Task<ReminderSettings> SettingsOfAsync(string teamId, CancellationToken cancellationToken)
    {
        var stored = await StoredSettingsOf(database, teamId, cancellationToken);
        return stored?.Settings ?? ReminderSettings.Default;
    }

    public async Task SaveAsync(Team team, ReminderSettings settings, string timeZoneId, string actorAadObjectId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(team);
        var stored = await database.ReminderSettings.SingleOrDefaultAsync(s => s.TeamId == team.TeamId, cancellationToken);
        if (stored is null)
        {
            stored = new TeamReminderSettings { TeamId = team.TeamId, Settings = settings };
            database.ReminderSettings.Add(stored);
        }

        stored.Settings = settings;
        stored.UpdatedAt = timeProvider.GetUtcNow();
        stored.UpdatedByAadObjectId = actorAadObjectId;
        var tracked = await database.Teams.SingleAsync(t => t.TeamId == team.TeamId, cancellationToken);
        tracked.TimeZoneId = timeZoneId;
        await database.SaveChangesAsync(cancellationToken);
    }
}

internal static class ReminderSettingsJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static string Serialize(ReminderSettings settings) => JsonSerializer.Serialize(settings, Options);

    public static ReminderSettings Deserialize(string json) => JsonSerializer.Deserialize<ReminderSettings>(json, Options) ?? ReminderSettings.Default;
}
