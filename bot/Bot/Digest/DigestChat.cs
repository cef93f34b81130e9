using System.Globalization;
using Bot.Localization;
using Bot.Persistence;
using Bot.Posts;
using Bot.Protocol.AdaptiveCards;
using Bot.Protocol.Builder;
using Bot.Teams;
using Bot.Turns;

namespace Bot.Digest;

/// <summary>
/// <c>digest now</c> and <c>digest settings</c>, and the settings card's "Save". Coordinators only, checked here on the
/// server for every command and click, whatever the card showed.
/// </summary>
public sealed partial class DigestChat(
    TeamDirectory teams,
    DailyDigest digest,
    DigestSettingsStore settingsStore,
    DigestScheduler scheduler,
    AfterCommit afterCommit,
    ILogger<DigestChat> logger)
{
    public static bool Handles(ChatCommand command) => command is DigestNowCommand or DigestSettingsCommand;

    public async Task HandleAsync(ITurnContext turn, ChatCommand command, Team? activityTeam, BotTexts texts, CancellationToken cancellationToken)
    {
        var acting = await teams.ActorAsync(turn.Activity, activityTeam, cancellationToken);
        if (TeamDirectory.RefusalForCoordinatorCommand(acting, texts) is { } refusal)
        {
            if (acting is not null)
            {
                LogRefused(logger, acting.Team.TeamId, acting.AadObjectId, command.GetType().Name);
            }

            await turn.SendActivityAsync(refusal, cancellationToken);
            return;
        }

        var (team, actor, _) = acting!;

        switch (command)
        {
            case DigestNowCommand:
                var queued = await digest.SendNowAsync(team, texts, cancellationToken);
                await turn.SendActivityAsync(queued ? texts.DigestQueued : texts.DigestNoAddress, cancellationToken);
                break;
            case DigestSettingsCommand:
                var settings = await settingsStore.SettingsOfAsync(team.TeamId, cancellationToken);
                await turn.SendActivityAsync(MessageFactory.Attachment(DigestCard.Settings(texts, settings, team.TimeZoneId, await NextRunAsync(team, texts, cancellationToken)).ToAttachment()), cancellationToken);
                break;
        }
    }

    /// <summary>The settings card's "Save": every field checked here; the trigger moves once the change is committed.</summary>
    public async Task<AdaptiveCard> SaveSettingsAsync(CardActionRequest request, CancellationToken cancellationToken)
    {
        var texts = request.Texts;
        var acting = await teams.ActorAsync(request.Turn.Activity, request.Team, cancellationToken);
        if (TeamDirectory.RefusalForCoordinatorCommand(acting, texts) is { } refusal)
        {
            if (acting is not null)
            {
                LogRefused(logger, acting.Team.TeamId, acting.AadObjectId, CardVerbs.SaveDigestSettings);
            }

            return PostCards.Notice(refusal);
        }

        var (team, actor, _) = acting!;

        var stored = await settingsStore.SettingsOfAsync(team.TeamId, cancellationToken);
        var (read, problem) = Read(request, texts);
        if (read is not var (enabled, time, days, switchedOff))
        {
            return DigestCard.Settings(texts, stored, team.TimeZoneId, null, problem);
        }

        var saved = await settingsStore.SaveAsync(team.TeamId, enabled, time, days, switchedOff, actor, cancellationToken);
        LogSaved(logger, team.TeamId, actor);

        // Quartz writes through its own connection: inside the card action's transaction it would wait for our lock.
        await afterCommit.RunOrDeferAsync(ct => scheduler.ScheduleAsync(team.TeamId, team.TimeZoneId, saved, ct), cancellationToken);
        return DigestCard.Settings(texts, saved, team.TimeZoneId, null, saved.IsEnabled ? texts.DigestSettingsSaved : texts.DigestSettingsOff);
    }

    private static ((bool Enabled, TimeOnly Time, List<DayOfWeek> Days, List<DigestSection> SwitchedOff)? Settings, string? Problem) Read(CardActionRequest request, BotTexts texts)
    {
        var culture = CultureInfo.InvariantCulture;
        var enabled = !string.Equals(request.Input(DigestCard.EnabledInput), "false", StringComparison.OrdinalIgnoreCase);
        if (!TimeOnly.TryParseExact(request.Input(DigestCard.TimeInput)?.Trim(), ["HH:mm", "H:mm", "HH:mm:ss"], culture, DateTimeStyles.None, out var time))
        {
            return (null, texts.DigestSettingsInvalidTime);
        }

        var days = new List<DayOfWeek>();
        foreach (var part in Parts(request.Input(DigestCard.DaysInput)))
        {
            if (!int.TryParse(part, NumberStyles.None, culture, out var day) || day > 6)
            {
                return (null, texts.DigestSettingsInvalidDays);
            }

            days.Add((DayOfWeek)day);
        }

        var on = new HashSet<DigestSection>();
        foreach (var part in Parts(request.Input(DigestCard.SectionsInput)))
        {
            if (!Enum.TryParse<DigestSection>(part, ignoreCase: false, out var section) || !Enum.IsDefined(section))
            {
                return (null, texts.DigestSettingsInvalidSections);
            }

            on.Add(section);
        }

        if (enabled && on.Count == 0)
        {
            return (null, texts.DigestSettingsNoSections);
        }

        return ((enabled, new TimeOnly(time.Hour, time.Minute), days, [.. Enum.GetValues<DigestSection>().Where(s => !on.Contains(s))]), null);
    }

    private async Task<string?> NextRunAsync(Team team, BotTexts texts, CancellationToken cancellationToken) =>
        await scheduler.NextRunAsync(team.TeamId, cancellationToken) is { } next
            ? PostCards.Instant(texts, next, TimeZoneInfo.FindSystemTimeZoneById(team.TimeZoneId))
            : null;

    private static IEnumerable<string> Parts(string? input) =>
        (input ?? string.Empty).Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    [LoggerMessage(Level = LogLevel.Information, Message = "Digest settings of team {TeamId} saved by {ActorAadObjectId}")]
    private static partial void LogSaved(ILogger logger, string teamId, string actorAadObjectId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Digest {What} in team {TeamId} refused to {ActorAadObjectId}, not a coordinator")]
    private static partial void LogRefused(ILogger logger, string teamId, string actorAadObjectId, string what);
}
