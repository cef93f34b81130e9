namespace Bot.Chat;

/// <summary>What a chat message asks for, after the bot's mention is stripped.</summary>
public abstract record ChatCommand;

public sealed record HelpCommand : ChatCommand;

public sealed record UnknownCommand(string Input) : ChatCommand;

/// <summary>
/// The commands the bot understands, each with its English and German word, in one place: the parser, the help card
/// and (later) the app manifest's command lists are all built from this table.
/// </summary>
public static class CommandCatalog
{
    public static IReadOnlyList<CommandDefinition> All { get; } =
    [
        new("help", "help", "hilfe", texts => texts.CommandHelpDescription, _ => new HelpCommand()),
    ];
}

public sealed record CommandDefinition(
    string Id,
    string English,
    string German,
    Func<Localization.BotTexts, string> Description,
    Func<string, ChatCommand> Create);
