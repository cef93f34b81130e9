namespace Bot.Turns;

/// <summary>
/// Answers one kind of chat command. The handler is also the route: it declares a public static <c>Command</c>
/// (or <c>Commands</c>, for several words building the same command) made with
/// <see cref="CommandDefinition.Route{TCommand, THandler}"/>, and <see cref="CommandCatalog"/> finds it there.
/// By the time it runs, the router has settled the acting person its definition asks for.
/// </summary>
public interface ICommandHandler<in TCommand>
    where TCommand : ChatCommand
{
    Task HandleAsync(TCommand command, CommandTurn turn, CancellationToken cancellationToken);
}
