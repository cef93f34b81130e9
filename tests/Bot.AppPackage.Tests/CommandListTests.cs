using Bot.Help;
using Bot.Localization;
using Bot.Turns;

namespace Bot.AppPackage.Tests;

/// <summary>The manifest's command menus are the bot's real commands, in both languages, for every Teams scope.</summary>
public sealed class CommandListTests
{
    private static readonly (ConversationScopes Scope, string Name)[] Scopes =
        [(ConversationScopes.Personal, "personal"), (ConversationScopes.Team, "team"), (ConversationScopes.GroupChat, "groupChat")];

    [Fact]
    public void Manifest_commands_match_the_bot_commands()
    {
        var package = TestPackage.Build();
        var bot = package.Json("manifest.json")["bots"]![0]!;
        var german = package.Json("de.json");
        var lists = bot["commandLists"]!.AsArray();

        var expected = Scopes
            .Select(scope => (scope.Name, Commands: CommandCatalog.All.Where(command => command.ShowInMenu && command.OfferedIn.HasFlag(scope.Scope)).ToList()))
            .Where(list => list.Commands.Count > 0)
            .ToList();
        Assert.Equal(expected.Select(list => list.Name), lists.Select(list => Assert.Single(list!["scopes"]!.AsArray())!.GetValue<string>()));
        foreach (var (listIndex, (_, commands)) in expected.Index())
        {
            var entries = lists[listIndex]!["commands"]!.AsArray();
            Assert.Equal(commands.Select(command => command.English), entries.Select(entry => entry!["title"]!.GetValue<string>()));
            Assert.Equal(commands.Select(command => BotLanguage.In(BotLanguage.English, command.Description)), entries.Select(entry => entry!["description"]!.GetValue<string>()));
            foreach (var (commandIndex, command) in commands.Index())
            {
                var key = $"bots[0].commandLists[{listIndex}].commands[{commandIndex}]";
                Assert.Equal(command.German, german[key + ".title"]!.GetValue<string>());
                Assert.Equal(BotLanguage.In(BotLanguage.German, command.Description), german[key + ".description"]!.GetValue<string>());
            }
        }
    }

    /// <summary>Picking a command from the menu sends its title; the bot must understand it in either language.</summary>
    [Fact]
    public void Every_command_title_in_either_language_is_understood_by_the_bot()
    {
        var package = TestPackage.Build();
        var englishTitles = package.Json("manifest.json")["bots"]![0]!["commandLists"]!.AsArray()
            .SelectMany(list => list!["commands"]!.AsArray().Select(command => command!["title"]!.GetValue<string>()));
        var germanTitles = package.Json("de.json")
            .Where(property => property.Key.EndsWith(".title", StringComparison.Ordinal))
            .Select(property => property.Value!.GetValue<string>());

        var titles = englishTitles.Concat(germanTitles).ToList();

        Assert.NotEmpty(titles);
        Assert.All(titles, title =>
        {
            var definition = Assert.Single(CommandCatalog.All, command => command.English == title || command.German == title);
            // A menu title alone is the command itself, or, for commands with arguments, that command's usage hint.
            var parsed = ChatCommandParser.Parse(title);
            var expected = definition.Create(new CommandArguments(string.Empty, [])) ?? new MalformedCommand(definition);
            Assert.Equal(expected, parsed);
        });
    }

    [Fact]
    public void Every_command_is_offered_in_at_least_one_of_the_bots_scopes()
    {
        var bot = TestPackage.Build().Json("manifest.json")["bots"]![0]!;
        var botScopes = bot["scopes"]!.AsArray().Select(scope => scope!.GetValue<string>()).ToList();

        Assert.All(CommandCatalog.All, command => Assert.NotEqual(ConversationScopes.None, command.OfferedIn & ConversationScopes.All));
        Assert.All(bot["commandLists"]!.AsArray(), list => Assert.Contains(list!["scopes"]![0]!.GetValue<string>(), botScopes));
    }

    [Fact]
    public void Commands_are_listed_per_scope_so_a_scope_only_lists_its_own()
    {
        CommandDefinition Command(string word, ConversationScopes scopes) =>
            new(word, word, word + "-de", () => Texts.CommandHelpDescription, scopes, string.Empty, string.Empty, _ => new HelpCommand());
        var catalog = new[] { Command("help", ConversationScopes.All), Command("import", ConversationScopes.Personal), Command("pending", ConversationScopes.Team | ConversationScopes.GroupChat) };

        var lists = AppPackageBuilder.CommandLists(catalog);

        Assert.Equal(["personal", "team", "groupChat"], lists.Select(list => list.Scope));
        Assert.Equal(["help", "import"], lists[0].Commands.Select(command => command.English));
        Assert.Equal(["help", "pending"], lists[1].Commands.Select(command => command.English));
        Assert.Equal(["help", "pending"], lists[2].Commands.Select(command => command.English));
    }

    [Fact]
    public void Commands_not_shown_in_menus_are_left_out_of_every_list_but_stay_in_the_catalog()
    {
        CommandDefinition Command(string word, bool inMenu) =>
            new(word, word, word + "-de", () => Texts.CommandHelpDescription, ConversationScopes.All, string.Empty, string.Empty, _ => new HelpCommand()) { ShowInMenu = inMenu };
        var catalog = new[] { Command("help", inMenu: true), Command("withdraw", inMenu: false) };

        var lists = AppPackageBuilder.CommandLists(catalog);

        Assert.All(lists, list => Assert.Equal(["help"], list.Commands.Select(command => command.English)));
        Assert.Contains(CommandCatalog.All, command => !command.ShowInMenu);
    }

    [Fact]
    public void Every_scope_of_the_real_catalog_stays_within_the_manifest_limit()
    {
        Assert.All(AppPackageBuilder.CommandLists(CommandCatalog.All), list => Assert.InRange(list.Commands.Count, 1, TeamsManifestSchema.CommandsPerListMax));
    }
}
