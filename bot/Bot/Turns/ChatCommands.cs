namespace Bot.Turns;

/// <summary>What a chat message asks for, after the bot's mention is stripped.</summary>
public abstract record ChatCommand;

public sealed record UnknownCommand(string Input) : ChatCommand;

/// <summary>The command word was right but the rest was not; the reply shows how it is written.</summary>
public sealed record MalformedCommand(CommandDefinition Command) : ChatCommand;

/// <summary>A platform word the bot does not know ("myspace"): answered with the list of platforms it knows.</summary>
public sealed record UnknownPlatformCommand(string Word) : ChatCommand;
