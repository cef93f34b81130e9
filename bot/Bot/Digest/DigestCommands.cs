using Bot.Localization;
using Bot.Posts;
using Bot.Reminders;
using Bot.Teams;
using Bot.Turns;

namespace Bot.Digest;

/// <summary>A coordinator wants today's digest in the team's channel now (it does not replace the scheduled one).</summary>
public sealed record DigestNowCommand : ChatCommand;

public sealed record DigestSettingsCommand : ChatCommand;

/// <summary><c>digest now</c>: today's digest, queued for the team's channel; coordinators only.</summary>
public sealed class DigestNowHandler(DailyDigest digest) : ICommandHandler<DigestNowCommand>
{
    public static CommandDefinition Command { get; } =
        new CommandDefinition("digest-now", "digest now", "digest jetzt", () => Texts.CommandDigestNowDescription, CommandDefinition.TeamScopes, "", "", _ => new DigestNowCommand())
        {
            Order = 250,
            ShowInMenu = false,
            Aliases = ["bericht jetzt", "morgenbericht jetzt"],
            Requires = ActorRequirement.Coordinator,
        }.Route<DigestNowCommand, DigestNowHandler>();

    public async Task HandleAsync(DigestNowCommand command, CommandTurn turn, CancellationToken cancellationToken)
    {
        var queued = await digest.SendNowAsync(turn.Actor.Team, cancellationToken);
        await turn.ReplyAsync(queued ? Texts.DigestQueued : Texts.DigestNoAddress, cancellationToken);
    }
}

/// <summary><c>digest settings</c>: the team's digest form with the next digest; coordinators only.</summary>
public sealed class DigestSettingsHandler(DigestSettingsStore settingsStore, ReminderSettingsStore reminderSettings, TimeProvider timeProvider) : ICommandHandler<DigestSettingsCommand>
{
    public static CommandDefinition Command { get; } =
        new CommandDefinition("digest-settings", "digest settings", "digest-einstellungen", () => Texts.CommandDigestSettingsDescription, CommandDefinition.TeamScopes, "", "", _ => new DigestSettingsCommand())
        {
            Order = 260,
            ShowInMenu = false,
            Aliases = ["digest einstellungen", "digesteinstellungen", "bericht einstellungen", "morgenbericht einstellungen"],
            Requires = ActorRequirement.Coordinator,
        }.Route<DigestSettingsCommand, DigestSettingsHandler>();

    public async Task HandleAsync(DigestSettingsCommand command, CommandTurn turn, CancellationToken cancellationToken)
    {
        var team = turn.Actor.Team;
        var settings = await settingsStore.SettingsOfAsync(team.TeamId, cancellationToken);
        var nextDigest = await NextDigestTextAsync(team, settings, reminderSettings, timeProvider, cancellationToken);
        await turn.ReplyAsync(DigestCard.Settings(settings, team.TimeZoneId, nextDigest), cancellationToken);
    }

    /// <summary>
    /// The next digest as the team's clock shows it: a digest day by the team's working calendar (or its own digest
    /// days), not merely the trigger's next firing, which the job skips on days off.
    /// </summary>
    internal static async Task<string?> NextDigestTextAsync(
        Team team, TeamDigestSettings settings, ReminderSettingsStore reminderSettings, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var calendar = (await reminderSettings.SettingsOfAsync(team.TeamId, cancellationToken)).Calendar(team.TimeZoneId);
        return DailyDigest.NextDigest(settings, calendar, timeProvider.GetUtcNow()) is { } next
            ? PostCards.Instant(next, calendar.Zone)
            : null;
    }
}
