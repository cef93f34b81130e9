using System.Globalization;
using Bot.Localization;
using Bot.Persistence;
using Bot.Protocol.AdaptiveCards;
using Bot.Reminders;
using Bot.Turns;

namespace Bot.Digest;

/// <summary>
/// The digest settings card's "Save": coordinators only, every field checked here whatever the card showed; the
/// trigger moves once the change is committed.
/// </summary>
[CardAction(Verb, Requires = ActorRequirement.Coordinator)]
public sealed partial class SaveDigestSettingsAction(
    DigestSettingsStore settingsStore,
    DigestScheduler scheduler,
    ReminderSettingsStore reminderSettings,
    TimeProvider timeProvider,
    ILogger<SaveDigestSettingsAction> logger) : ICardAction
{
    public const string Verb = "digest.saveSettings";

    public async Task<AdaptiveCard> ExecuteAsync(CardActionRequest request, CancellationToken cancellationToken)
    {
        var (team, actor, _) = request.Actor;
        var stored = await settingsStore.SettingsOfAsync(team.TeamId, cancellationToken);
        var (read, problem) = Read(request);
        if (read is not var (enabled, time, days, switchedOff))
        {
            return DigestCard.Settings(stored, team.TimeZoneId, null, problem);
        }

        var saved = await settingsStore.SaveAsync(team.TeamId, enabled, time, days, switchedOff, actor, cancellationToken);
        LogSaved(logger, team.TeamId, actor);

        await scheduler.ScheduleAsync(team.TeamId, team.TimeZoneId, saved, cancellationToken);
        var nextDigest = await DigestSettingsHandler.NextDigestTextAsync(team, saved, reminderSettings, timeProvider, cancellationToken);
        return DigestCard.Settings(saved, team.TimeZoneId, nextDigest, saved.IsEnabled ? Texts.DigestSettingsSaved : Texts.DigestSettingsOff);
    }

    private static ((bool Enabled, TimeOnly Time, List<DayOfWeek> Days, List<DigestSection> SwitchedOff)? Settings, string? Problem) Read(CardActionRequest request)
    {
        var culture = CultureInfo.InvariantCulture;
        var enabled = !string.Equals(request.Input(DigestCard.EnabledInput), "false", StringComparison.OrdinalIgnoreCase);
        if (!TimeOnly.TryParseExact(request.Input(DigestCard.TimeInput)?.Trim(), ["HH:mm", "H:mm", "HH:mm:ss"], culture, DateTimeStyles.None, out var time))
        {
            return (null, Texts.DigestSettingsInvalidTime);
        }

        var days = new List<DayOfWeek>();
        foreach (var part in Parts(request.Input(DigestCard.DaysInput)))
        {
            if (!int.TryParse(part, NumberStyles.None, culture, out var day) || day > 6)
            {
                return (null, Texts.DigestSettingsInvalidDays);
            }

            days.Add((DayOfWeek)day);
        }

        var on = new HashSet<DigestSection>();
        foreach (var part in Parts(request.Input(DigestCard.SectionsInput)))
        {
            if (!Enum.TryParse<DigestSection>(part, ignoreCase: false, out var section) || !Enum.IsDefined(section))
            {
                return (null, Texts.DigestSettingsInvalidSections);
            }

            on.Add(section);
        }

        if (enabled && on.Count == 0)
        {
            return (null, Texts.DigestSettingsNoSections);
        }

        return ((enabled, new TimeOnly(time.Hour, time.Minute), days, [.. Enum.GetValues<DigestSection>().Where(s => !on.Contains(s))]), null);
    }

    private static IEnumerable<string> Parts(string? input) =>
        (input ?? string.Empty).Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    [LoggerMessage(Level = LogLevel.Information, Message = "Digest settings of team {TeamId} saved by {ActorAadObjectId}")]
    private static partial void LogSaved(ILogger logger, string teamId, string actorAadObjectId);
}
