using Bot.FailedDeliveries;
using Bot.Localization;
using Bot.Posts;
using Bot.Staffing;
using Bot.Teams;

namespace Bot.Turns;

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

/// <summary>A platform word the bot does not know ("myspace"): answered with the list of platforms it knows.</summary>
public sealed record UnknownPlatformCommand(string Word) : ChatCommand;

/// <summary>A bare <c>away</c>: the absence form instead of a usage hint.</summary>
public sealed record AwayFormCommand : ChatCommand;

public sealed record SetGoalCommand(SocialChannelReference SocialChannel, int PostsPerWeek, decimal? EngagementRate) : ChatCommand;

public sealed record OverviewCommand : ChatCommand;

public sealed record MyChannelsCommand : ChatCommand;

public sealed record MyPostsCommand : ChatCommand;

public sealed record PendingCommand : ChatCommand;

/// <summary>A post by the short id shown in lists (see <see cref="Posts.PostWorkflow.ShortId"/>).</summary>
public sealed record ShowPostCommand(string PostId) : ChatCommand;

public sealed record WithdrawPostCommand(string PostId) : ChatCommand;

public sealed record PostHistoryCommand(string PostId) : ChatCommand;

public sealed record CommentPostCommand(string PostId, string Text) : ChatCommand;

public sealed record PublishedCommand(string PostId, string LiveUrl, Platform? Platform) : ChatCommand;

/// <summary>A coordinator asks to erase someone who has left; answered with a confirmation card, nothing changes yet.</summary>
public sealed record ErasePersonCommand(PersonReference Person) : ChatCommand;

/// <summary>Someone asks for everything the bot stores about them.</summary>
public sealed record MyDataCommand : ChatCommand;
public sealed record RemindersCommand : ChatCommand;

public sealed record SnoozeCommand(string PostId, TimeSpan Duration) : ChatCommand;

public sealed record ReminderSettingsCommand : ChatCommand;

/// <summary>A coordinator wants today's digest in the team's channel now (it does not replace the scheduled one).</summary>
public sealed record DigestNowCommand : ChatCommand;

public sealed record DigestSettingsCommand : ChatCommand;

/// <summary>A person named in a command: by @mention (Teams gives their id) or by a name to look up.</summary>
public abstract record PersonReference(string Name);

public sealed record MentionedPerson(string UserId, string Name) : PersonReference(Name);

public sealed record NamedPerson(string Name) : PersonReference(Name);

/// <summary>A social channel named in chat: a platform word ("insta"), and the handle when the team has several.</summary>
public sealed record SocialChannelReference(Platform Platform, string? Handle);

/// <summary>
/// The commands the bot understands, each with its English and German word, in one place: the parser, the help card
/// and the Teams app manifest's command lists (see AppPackage) are all built from this table, so a new command is one
/// line here plus its description in Strings(.de).resx.
/// </summary>
public static class CommandCatalog
{
    /// <summary>Team commands need a team: written in its channel, or in a personal chat by someone with one team.</summary>
    private const ConversationScopes TeamScopes = ConversationScopes.Team | ConversationScopes.Personal;

    public static IReadOnlyList<CommandDefinition> All { get; } =
    [
        new("help", "help", "hilfe", texts => texts.CommandHelpDescription, ConversationScopes.All, "", "", _ => new HelpCommand()),
        new("who", "who", "wer", texts => texts.CommandWhoDescription, TeamScopes, "", "", _ => new OverviewCommand()) { Aliases = ["owners", "zuständig", "zustaendig"] },
        new("my-channels", "my channels", "meine kanäle", texts => texts.CommandMyChannelsDescription, TeamScopes, "", "", _ => new MyChannelsCommand()),
        new("assign", "assign", "zuweisen", texts => texts.CommandAssignDescription, TeamScopes, "@person platform [handle]", "@person plattform [handle]", args => CommandArguments.Assignment(args, AssignmentKind.Owner)),
        new("backup", "backup", "stellvertretung", texts => texts.CommandBackupDescription, TeamScopes, "@person platform [handle]", "@person plattform [handle]", args => CommandArguments.Assignment(args, AssignmentKind.Backup)),
        new("unassign", "unassign", "austragen", texts => texts.CommandUnassignDescription, TeamScopes, "@person platform [handle]", "@person plattform [handle]", CommandArguments.Unassignment) { ShowInMenu = false },
        new("away", "away", "abwesend", texts => texts.CommandAwayDescription, TeamScopes, "@person 2026-12-20..2027-01-06 [cover @person]", "@person 20.12.2026..06.01.2027 [vertretung @person]", CommandArguments.Away),
        new("add-account", "add account", "konto anlegen", texts => texts.CommandAddAccountDescription, TeamScopes, "platform handle [url]", "plattform handle [url]", CommandArguments.AddSocialChannel),
        new("role", "role", "rolle", texts => texts.CommandRoleDescription, TeamScopes, "@person coordinator|editor|reviewer|viewer", "@person koordinator|redakteur|freigeber|leser", CommandArguments.Role),
        new("new-post", "new post", "neuer beitrag", texts => texts.CommandNewPostDescription, TeamScopes, "", "", _ => new NewPostCommand()),
        new("my-posts", "my posts", "meine beiträge", texts => texts.CommandMyPostsDescription, TeamScopes, "", "", _ => new MyPostsCommand()) { Aliases = ["meine beitraege"] },
        new("pending", "pending", "offen", texts => texts.CommandPendingDescription, TeamScopes, "", "", _ => new PendingCommand()),
        new("show", "show", "zeige", texts => texts.CommandShowPostDescription, TeamScopes, "id", "id", args => CommandArguments.PostReference(args, id => new ShowPostCommand(id))) { ShowInMenu = false },
        new("history", "history", "verlauf", texts => texts.CommandHistoryDescription, TeamScopes, "id", "id", args => CommandArguments.PostReference(args, id => new PostHistoryCommand(id))) { ShowInMenu = false },
        new("withdraw", "withdraw", "zurückziehen", texts => texts.CommandWithdrawDescription, TeamScopes, "id", "id", args => CommandArguments.PostReference(args, id => new WithdrawPostCommand(id))) { ShowInMenu = false, Aliases = ["zurueckziehen"] },
        new("published", "published", "veröffentlicht", texts => texts.CommandPublishedDescription, TeamScopes, "id url [platform]", "id url [plattform]", CommandArguments.Published) { ShowInMenu = false, Aliases = ["veroeffentlicht"] },
        new("my-data", "my data", "meine daten", texts => texts.CommandMyDataDescription, ConversationScopes.Personal, "", "", _ => new MyDataCommand()) { ShowInMenu = false },
        new("erase-person", "erase person", "person löschen", texts => texts.CommandEraseDescription, TeamScopes, "@person", "@person", args => CommandArguments.Person(args, person => new ErasePersonCommand(person))) { ShowInMenu = false, Aliases = ["person loeschen"] },
        new("comment", "comment", "kommentar", texts => texts.CommandCommentDescription, TeamScopes, "id text", "id text", CommandArguments.Comment) { ShowInMenu = false, Aliases = ["kommentieren"] },
        new("review-settings", "review settings", "freigabe-einstellungen", texts => texts.CommandReviewSettingsDescription, TeamScopes, "", "", _ => new ReviewSettingsCommand()) { ShowInMenu = false, Aliases = ["review policy", "freigabeeinstellungen", "freigabe einstellungen", "freigaberegeln"] },
        new("export-audit", "export audit", "audit exportieren", texts => texts.CommandExportAuditDescription, TeamScopes, "2026-11-01..2026-11-30", "01.11.2026..30.11.2026", CommandArguments.ExportAudit) { ShowInMenu = false, Aliases = ["audit export", "exportiere audit", "prüfprotokoll exportieren", "pruefprotokoll exportieren"] },
        new("webhook", "webhook", "weiterleitung", texts => texts.CommandWebhookDescription, TeamScopes, "https://… secret …|status|off", "https://… geheimnis …|status|aus", CommandArguments.Webhook) { ShowInMenu = false },
        new("reminders", "reminders", "erinnerungen", texts => texts.CommandRemindersDescription, TeamScopes, "", "", _ => new RemindersCommand()) { ShowInMenu = false },
        new("snooze", "snooze", "später", texts => texts.CommandSnoozeDescription, TeamScopes, "id 2h", "id 2h", CommandArguments.Snooze) { ShowInMenu = false, Aliases = ["spaeter", "schlummern"] },
        new("settings", "settings", "einstellungen", texts => texts.CommandSettingsDescription, TeamScopes, "", "", _ => new ReminderSettingsCommand()) { ShowInMenu = false },
        new("digest-now", "digest now", "digest jetzt", texts => texts.CommandDigestNowDescription, TeamScopes, "", "", _ => new DigestNowCommand()) { ShowInMenu = false, Aliases = ["bericht jetzt", "morgenbericht jetzt"] },
        new("digest-settings", "digest settings", "digest-einstellungen", texts => texts.CommandDigestSettingsDescription, TeamScopes, "", "", _ => new DigestSettingsCommand()) { ShowInMenu = false, Aliases = ["digest einstellungen", "digesteinstellungen", "bericht einstellungen", "morgenbericht einstellungen"] },
        new("goal", "goal", "ziel", texts => texts.CommandGoalDescription, TeamScopes, "platform [handle] 3/week [engagement 4%]", "plattform [handle] 3/woche [engagement 4%]", CommandArguments.Goal),
        new("metrics-key", "metrics key", "metrics-schlüssel", texts => texts.CommandMetricsKeyDescription, TeamScopes, "[create [label]|revoke smb_…]", "[erstellen [label]|widerrufen smb_…]", CommandArguments.MetricsKey)
        {
            ShowInMenu = false,
            Aliases = ["metrics keys", "metrics-schluessel", "metrics schlüssel", "metrics schluessel", "metrik-schlüssel", "metrik-schluessel"],
        },
        new("import-metrics", "import metrics", "metriken importieren", texts => texts.CommandImportMetricsDescription, ConversationScopes.Personal, "[team]", "[team]", CommandArguments.ImportMetrics)
        {
            ShowInMenu = false,
            Aliases = ["kennzahlen importieren", "zahlen importieren"],
        },
        new("failed-deliveries", "failed deliveries", "fehlgeschlagene zustellungen", texts => texts.CommandFailedDeliveriesDescription, TeamScopes, "", "", _ => new FailedDeliveriesCommand())
        {
            ShowInMenu = false,
            Aliases = ["dead letters", "undelivered", "nicht zugestellt", "zustellfehler"],
        },
    ];
}

/// <summary>One command: its words in both languages, how its arguments read, and how to build it from them.</summary>
public sealed record CommandDefinition(
    string Id,
    string English,
    string German,
    Func<BotTexts, string> Description,
    ConversationScopes OfferedIn,
    string EnglishUsage,
    string GermanUsage,
    Func<CommandArguments, ChatCommand?> Create)
{
    /// <summary>Other words people use for the same command; understood, but not shown in menus.</summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];

    /// <summary>
    /// Whether the command appears in the Teams command menus (the app manifest allows 12 per scope). Commands left out
    /// still work when typed and are listed by <c>help</c>.
    /// </summary>
    public bool ShowInMenu { get; init; } = true;

    public IEnumerable<string> AllWords => [English, German, .. Aliases];

    public string WordIn(BotTexts texts) => texts.IsGerman ? German : English;

    public string UsageIn(BotTexts texts)
    {
        var usage = texts.IsGerman ? GermanUsage : EnglishUsage;
        return usage.Length == 0 ? WordIn(texts) : $"{WordIn(texts)} {usage}";
    }
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
