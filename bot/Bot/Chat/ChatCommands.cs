namespace Bot.Chat;

/// <summary>What a chat message asks for, after the bot's mention is stripped.</summary>
public abstract record ChatCommand;

public sealed record HelpCommand : ChatCommand;

public sealed record UnknownCommand(string Input) : ChatCommand;

/// <summary>
/// The commands the bot understands, each with its English and German word, in one place: the parser, the help card
/// and the Teams app manifest's command lists (see AppPackage) are all built from this table, so a new command is one
/// line here plus its description in Strings(.de).resx.
/// </summary>
public static class CommandCatalog
{
    public static IReadOnlyList<CommandDefinition> All { get; } =
    [
        new("help", "help", "hilfe", texts => texts.CommandHelpDescription, ConversationScopes.All, _ => new HelpCommand()),
    ];
}

public sealed record CommandDefinition(
    string Id,
    string English,
    string German,
    Func<Localization.BotTexts, string> Description,
    ConversationScopes OfferedIn,
    Func<string, ChatCommand> Create);

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
