using Bot.Help;
using System.Text.Json.Nodes;
using Bot.Localization;
using Bot.Turns;

namespace Bot.AppPackage.Tests;

/// <summary>The packager refuses to write a package Teams would reject, without needing the JSON schemas.</summary>
public sealed class PackagerChecksTests
{
    private static readonly AppPackageSettings Settings = new(TestPackage.AppId, TestPackage.Domain);

    [Fact]
    public void A_name_longer_than_the_schema_allows_is_refused_with_its_length()
    {
        var templates = Templates(manifest => manifest["name"]!["short"] = new string('x', 31));

        var refusal = Assert.Throws<AppPackageException>(() => AppPackageBuilder.Build(Settings, templates, CommandCatalog.All));

        Assert.Contains("manifest.json: name.short has 31 characters, at most 30 are allowed", Assert.Single(refusal.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public void A_german_text_is_measured_in_characters_not_bytes()
    {
        var fits = Templates(german: german => german["description.short"] = new string('ü', 80));
        var tooLong = Templates(german: german => german["description.short"] = new string('ü', 81));

        AppPackageBuilder.Build(Settings, fits, CommandCatalog.All);
        var refusal = Assert.Throws<AppPackageException>(() => AppPackageBuilder.Build(Settings, tooLong, CommandCatalog.All));

        Assert.Contains("de.json: description.short has 81 characters", Assert.Single(refusal.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public void A_placeholder_the_packager_does_not_know_is_refused()
    {
        var templates = Templates(manifest => manifest["developer"]!["websiteUrl"] = "https://{{COMPANY_WEBSITE}}/");

        var refusal = Assert.Throws<AppPackageException>(() => AppPackageBuilder.Build(Settings, templates, CommandCatalog.All));

        Assert.Contains(refusal.Problems, problem => problem.Contains("developer.websiteUrl still holds a placeholder", StringComparison.Ordinal));
    }

    [Fact]
    public void More_commands_than_a_command_list_can_hold_are_refused()
    {
        var catalog = Enumerable.Range(1, TeamsManifestSchema.CommandsPerListMax + 1)
            .Select(i => new CommandDefinition($"c{i}", $"command{i}", $"befehl{i}", () => Texts.CommandHelpDescription, ConversationScopes.Personal, string.Empty, string.Empty, _ => new HelpCommand()))
            .ToList();

        var refusal = Assert.Throws<AppPackageException>(() => AppPackageBuilder.Build(Settings, ManifestTemplates.Embedded, catalog));

        Assert.Contains($"command list 0 has {TeamsManifestSchema.CommandsPerListMax + 1} commands, at most {TeamsManifestSchema.CommandsPerListMax}", Assert.Single(refusal.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public void A_manifest_for_another_schema_version_is_refused()
    {
        var templates = Templates(manifest => manifest["manifestVersion"] = "1.17");

        var refusal = Assert.Throws<AppPackageException>(() => AppPackageBuilder.Build(Settings, templates, CommandCatalog.All));

        Assert.Contains($"manifestVersion is '1.17', expected '{TeamsManifestSchema.Version}'", Assert.Single(refusal.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public void Command_keys_left_in_the_german_template_are_replaced_by_the_catalog()
    {
        var templates = Templates(german: german => german["bots[0].commandLists[2].commands[7].title"] = "veraltet");

        var german = AppPackageBuilder.Build(Settings, templates, CommandCatalog.All).Json("de.json");

        Assert.Null(german["bots[0].commandLists[2].commands[7].title"]);
    }

    private static ManifestTemplates Templates(Action<JsonObject>? manifest = null, Action<JsonObject>? german = null)
    {
        var manifestTemplate = JsonNode.Parse(ManifestTemplates.Embedded.Manifest)!.AsObject();
        var germanTemplate = JsonNode.Parse(ManifestTemplates.Embedded.German)!.AsObject();
        manifest?.Invoke(manifestTemplate);
        german?.Invoke(germanTemplate);
        return new(manifestTemplate.ToJsonString(), germanTemplate.ToJsonString());
    }
}
