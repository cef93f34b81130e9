using Bot.Localization;
using Bot.Turns;

namespace Bot.FailedDeliveries;

public sealed record FailedDeliveriesCommand : ChatCommand;

/// <summary>
/// <c>failed deliveries</c>: coordinators list what the bot could not deliver for their team, each with a button to
/// send it again (<see cref="RetryDeliveryAction"/>).
/// </summary>
public sealed class FailedDeliveriesHandler(DeadLetters deadLetters) : ICommandHandler<FailedDeliveriesCommand>
{
    public static CommandDefinition Command { get; } =
        new CommandDefinition("failed-deliveries", "failed deliveries", "fehlgeschlagene zustellungen", () => Texts.CommandFailedDeliveriesDescription, CommandDefinition.TeamScopes, "", "", _ => new FailedDeliveriesCommand())
        {
            Order = 300,
            ShowInMenu = false,
            Aliases = ["dead letters", "undelivered", "nicht zugestellt", "zustellfehler"],
            Requires = ActorRequirement.Coordinator,
        }.Route<FailedDeliveriesCommand, FailedDeliveriesHandler>();

    public async Task HandleAsync(FailedDeliveriesCommand command, CommandTurn turn, CancellationToken cancellationToken) =>
        await turn.ReplyAsync(await deadLetters.CardAsync(turn.Actor.Team, notice: null, cancellationToken), cancellationToken);
}
