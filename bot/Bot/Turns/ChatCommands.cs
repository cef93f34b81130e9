namespace Bot.Turns;

/// <summary>What a chat message asks for, after the bot's mention is stripped.</summary>
public abstract record ChatCommand;

public sealed record UnknownCommand(string Input) : ChatCommand;

/// <summary>
/// The command word was right but the rest was not; the reply shows how it is written, after the
/// <paramref name="Reason"/> when the words were read but say something impossible.
/// </summary>
public sealed record MalformedCommand(CommandDefinition Command, Func<string>? Reason = null) : ChatCommand;

/// <summary>
/// What an argument reader returns when the words have the command's shape but cannot be meant (a range whose last day
/// is before its first): the parser turns it into a <see cref="MalformedCommand"/> that says why.
/// </summary>
public sealed record ImpossibleArguments(Func<string> Reason) : ChatCommand;

/// <summary>A platform word the bot does not know ("myspace"): answered with the list of platforms it knows.</summary>
public sealed record UnknownPlatformCommand(string Word) : ChatCommand;
