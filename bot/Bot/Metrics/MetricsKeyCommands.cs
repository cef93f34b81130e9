using Bot.Delivery;
using Bot.Hosting;
using Bot.Localization;
using Bot.Persistence;
using Bot.Protocol.Builder;
using Bot.Protocol.Connector;
using Bot.Protocol.Schema;
using Bot.Teams;
using Bot.Turns;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Bot.Metrics;

public sealed record MetricsKeysCommand : ChatCommand;

public sealed record CreateMetricsKeyCommand(string? Label) : ChatCommand;

public sealed record RevokeMetricsKeyCommand(string Prefix) : ChatCommand;

/// <summary>
/// <c>metrics key [create [label]|revoke smb_…]</c>: coordinators list, create and revoke the team's metrics API keys.
/// A new key is shown once and only to its creator: in the personal chat as the reply; asked in a channel, sent
/// straight to the creator's personal chat through the connector, not through the outbox, because an outbox row would
/// keep the key in the database until it is cleaned up.
/// </summary>
public sealed partial class MetricsKeyHandler(
    MetricsApiKeys keys,
    PersonalSecrets secrets,
    ILogger<MetricsKeyHandler> logger) : ICommandHandler<ChatCommand>
{
    public static CommandDefinition Command { get; } =
        new CommandDefinition("metrics-key", "metrics key", "metrics-schlüssel", () => Texts.CommandMetricsKeyDescription, CommandDefinition.TeamScopes, "[create [label]|revoke smb_…]", "[erstellen [bezeichnung]|widerrufen smb_…]", CommandArguments.MetricsKey)
        {
            Order = 280,
            ShowInMenu = false,
            Aliases = ["metrics keys", "metrics-schluessel", "metrics schlüssel", "metrics schluessel", "metrik-schlüssel", "metrik-schluessel"],
            Requires = ActorRequirement.Coordinator,
        }.Route<ChatCommand, MetricsKeyHandler>();

    public async Task HandleAsync(ChatCommand command, CommandTurn turn, CancellationToken cancellationToken)
    {
        var (team, actor, role) = turn.Actor;
        var reply = command switch
        {
            CreateMetricsKeyCommand create => await CreateAsync(turn, create.Label, cancellationToken),
            RevokeMetricsKeyCommand revoke => await keys.RevokeAsync(team.TeamId, actor, revoke.Prefix, cancellationToken) switch
            {
                MetricsKeyOutcome.Done => Texts.FormatMetricsKeyRevoked(revoke.Prefix),
                MetricsKeyOutcome.AlreadyRevoked => Texts.FormatMetricsKeyAlreadyRevoked(revoke.Prefix),
                MetricsKeyOutcome.UnknownKey => Texts.FormatMetricsKeyUnknown(revoke.Prefix),
                _ => TurnActors.NotAllowed(ActorRequirement.Coordinator, role),
            },
            _ => await ListAsync(team, cancellationToken),
        };
        await turn.ReplyAsync(reply, cancellationToken);
    }

    private async Task<string> CreateAsync(CommandTurn turn, string? label, CancellationToken cancellationToken)
    {
        var (team, actor, _) = turn.Actor;
        if (PersonalChat.Is(turn.Activity))
        {
            var (outcome, created) = await keys.CreateAsync(team.TeamId, actor, label, cancellationToken);
            return outcome == MetricsKeyOutcome.Done
                ? Texts.FormatMetricsKeyCreated(team.Name ?? Texts.YourTeam, created!.Key, created.Stored.Prefix)
                : TurnActors.NotAllowed(ActorRequirement.Coordinator, TeamRole.Viewer);
        }

        // A reply in a channel or group chat is read by everyone in it: the key goes to the personal chat or nowhere.
        var personal = await secrets.PersonalChatOfAsync(actor, cancellationToken);
        if (personal is null)
        {
            return Texts.MetricsKeyNeedsPersonalChat;
        }

        var (result, key) = await keys.CreateAsync(team.TeamId, actor, label, cancellationToken);
        if (result != MetricsKeyOutcome.Done || key is null)
        {
            return TurnActors.NotAllowed(ActorRequirement.Coordinator, TeamRole.Viewer);
        }

        // The key goes to the personal chat in that chat's language; the reply here stays in the turn's.
        if (await secrets.SendAsync(personal, turn.Activity.Locale, () => Texts.FormatMetricsKeyCreated(team.Name ?? Texts.YourTeam, key.Key, key.Stored.Prefix), cancellationToken) is { } error)
        {
            await keys.RevokeAsync(team.TeamId, actor, key.Stored.Prefix, CancellationToken.None);
            LogKeyNotDelivered(logger, team.TeamId, key.Stored.Prefix, error);
            return Texts.MetricsKeyNotDelivered;
        }

        return Texts.FormatMetricsKeySentPrivately(key.Stored.Prefix);
    }

    private async Task<string> ListAsync(Team team, CancellationToken cancellationToken)
    {
        var list = await keys.ListAsync(team.TeamId, cancellationToken);
        if (list.Count == 0)
        {
            return Texts.MetricsKeysNone;
        }

        var zone = TimeZoneInfo.FindSystemTimeZoneById(team.TimeZoneId);
        string Day(DateTimeOffset at) => LocalFormat.Date(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, zone).DateTime));
        var lines = list.Select(k => k.RevokedAt is { } revoked
            ? Texts.FormatMetricsKeyRevokedLine(k.Prefix, k.Label ?? string.Empty, Day(k.CreatedAt), Day(revoked))
            : Texts.FormatMetricsKeyActiveLine(k.Prefix, k.Label ?? string.Empty, Day(k.CreatedAt)));
        return $"{Texts.MetricsKeysHead}\n\n{string.Join("\n", lines)}";
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Metrics key {Prefix} of team {TeamId} could not be sent to the personal chat ({Error}); revoked")]
    private static partial void LogKeyNotDelivered(ILogger logger, string teamId, string prefix, string error);
}
