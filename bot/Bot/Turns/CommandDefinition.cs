using Bot.Localization;

namespace Bot.Turns;

/// <summary>
/// One command: its words in both languages, how its arguments read, how to build it from them, who may run it and
/// which handler answers it. Each handler declares its own definition (see <see cref="ICommandHandler{TCommand}"/>), so
/// the parser, the help card and the Teams app manifest's command lists all follow from the handlers.
/// </summary>
public sealed record CommandDefinition(
    string Id,
    string English,
    string German,
    Func<string> Description,
    ConversationScopes OfferedIn,
    string EnglishUsage,
    string GermanUsage,
    Func<CommandArguments, ChatCommand?> Create)
{
    /// <summary>Team commands need a team: written in its channel, or in a personal chat by someone with one team.</summary>
    public const ConversationScopes TeamScopes = ConversationScopes.Team | ConversationScopes.Personal;

    /// <summary>Other words people use for the same command; understood, but not shown in menus.</summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];

    /// <summary>
    /// Whether the command appears in the Teams command menus (the app manifest allows 12 per scope). Commands left out
    /// still work when typed and are listed by <c>help</c>.
    /// </summary>
    public bool ShowInMenu { get; init; } = true;

    /// <summary>Where the command stands in the help card and the command menus; lower comes first.</summary>
    public int Order { get; init; }

    /// <summary>What the acting person must be before the handler runs; refused once, by the router, otherwise.</summary>
    public ActorRequirement Requires { get; init; } = ActorRequirement.TeamMember;

    /// <summary>The handler that answers this command; set by <see cref="Route{TCommand, THandler}"/>.</summary>
    public Type? Handler { get; private init; }

    internal Func<IServiceProvider, ChatCommand, CommandTurn, CancellationToken, Task>? Invoke { get; private init; }

    public IEnumerable<string> AllWords => [English, German, .. Aliases];

    public string WordIn() => BotLanguage.IsGerman ? German : English;

    public string UsageIn()
    {
        var usage = BotLanguage.IsGerman ? GermanUsage : EnglishUsage;
        return usage.Length == 0 ? WordIn() : $"{WordIn()} {usage}";
    }

    /// <summary>This definition answered by <typeparamref name="THandler"/>, resolved per turn from the container.</summary>
    public CommandDefinition Route<TCommand, THandler>()
        where TCommand : ChatCommand
        where THandler : ICommandHandler<TCommand> => this with
        {
            Handler = typeof(THandler),
            Invoke = (services, command, turn, cancellationToken) =>
                services.GetRequiredService<THandler>().HandleAsync((TCommand)command, turn, cancellationToken),
        };
}

/// <summary>
/// The kinds of Teams conversation a command is offered in: Teams shows a separate command menu per kind, built from
/// the app manifest. Named after Teams' own scope names; a Teams "team" conversation is a channel in that team.
/// </summary>
[Flags]
public enum ConversationScopes
{
    None = 0,
    Personal = 1,
    Team = 2,
    GroupChat = 4,
    All = Personal | Team | GroupChat,
}
