using Bot.Assignments;
using Bot.Localization;
using Bot.SocialChannels;
using Bot.Teams;

namespace Bot.Chat;

/// <summary>What a chat message asks for, after the bot's mention is stripped.</summary>
public abstract record ChatCommand;

public sealed record HelpCommand : ChatCommand;

public sealed record UnknownCommand(string Input) : ChatCommand;

/// <summary>The command word was right but the rest was not; the reply shows how it is written.</summary>
public sealed record MalformedCommand(CommandDefinition Command) : ChatCommand;

public sealed record AddSocialChannelCommand(Platform Platform, string Handle, string? Url) : ChatCommand;

public sealed record AssignCommand(PersonReference Person, SocialChannelReference SocialChannel, AssignmentKind Kind) : ChatCommand;

public sealed record UnassignCommand(PersonReference Person, SocialChannelReference SocialChannel) : ChatCommand;

public sealed record SetRoleCommand(PersonReference Person, TeamRole Role) : ChatCommand;

public sealed record AwayCommand(PersonReference Person, DateOnly FirstDay, DateOnly LastDay, PersonReference? Cover) : ChatCommand;

public sealed record SetGoalCommand(SocialChannelReference SocialChannel, int PostsPerWeek, decimal? EngagementRate) : ChatCommand;

public sealed record OverviewCommand : ChatCommand;

public sealed record MyChannelsCommand : ChatCommand;

/// <summary>A person named in a command: by @mention (Teams gives their id) or by a name to look up.</summary>
public abstract record PersonReference(string Name);

public sealed record MentionedPerson(string UserId, string Name) : PersonReference(Name);

public sealed record NamedPerson(string Name) : PersonReference(Name);

/// <summary>A social channel named in chat: a platform word ("insta"), and the handle when the team has several.</summary>
public sealed record SocialChannelReference(Platform Platform, string? Handle);

/// <summary>
/// The commands the bot understands, each with its English and German words, in one place: the parser, the help card
/// and the app manifest's command lists are all built from this table.
/// </summary>
public static class CommandCatalog
{
    public static IReadOnlyList<CommandDefinition> All { get; } =
    [
        new("help", "help", "hilfe", texts => texts.CommandHelpDescription, "", "", _ => new HelpCommand()),
        new("who", "who", "wer", texts => texts.CommandWhoDescription, "", "", _ => new OverviewCommand()),
        new("my-channels", "my channels", "meine kanäle", texts => texts.CommandMyChannelsDescription, "", "", _ => new MyChannelsCommand()),
        new("assign", "assign", "zuweisen", texts => texts.CommandAssignDescription, "@person platform [handle]", "@person plattform [handle]", args => CommandArguments.Assignment(args, AssignmentKind.Owner)),
        new("backup", "backup", "stellvertretung", texts => texts.CommandBackupDescription, "@person platform [handle]", "@person plattform [handle]", args => CommandArguments.Assignment(args, AssignmentKind.Backup)),
        new("unassign", "unassign", "austragen", texts => texts.CommandUnassignDescription, "@person platform [handle]", "@person plattform [handle]", CommandArguments.Unassignment),
        new("away", "away", "abwesend", texts => texts.CommandAwayDescription, "@person 2026-12-20..2027-01-06 [cover @person]", "@person 20.12.2026..06.01.2027 [vertretung @person]", CommandArguments.Away),
        new("add-account", "add account", "konto anlegen", texts => texts.CommandAddAccountDescription, "platform handle [url]", "plattform handle [url]", CommandArguments.AddSocialChannel),
        new("role", "role", "rolle", texts => texts.CommandRoleDescription, "@person coordinator|editor|reviewer|viewer", "@person koordinator|redakteur|freigeber|leser", CommandArguments.Role),
        new("goal", "goal", "ziel", texts => texts.CommandGoalDescription, "platform [handle] 3/week [engagement 4%]", "plattform [handle] 3/woche [engagement 4%]", CommandArguments.Goal),
    ];
}

/// <summary>One command: its words in both languages, how its arguments read, and how to build it from them.</summary>
public sealed record CommandDefinition(
    string Id,
    string English,
    string German,
    Func<BotTexts, string> Description,
    string EnglishUsage,
    string GermanUsage,
    Func<CommandArguments, ChatCommand?> Create)
{
    public string WordIn(BotTexts texts) => texts.IsGerman ? German : English;

    public string UsageIn(BotTexts texts)
    {
        var usage = texts.IsGerman ? GermanUsage : EnglishUsage;
        return usage.Length == 0 ? WordIn(texts) : $"{WordIn(texts)} {usage}";
    }
}
