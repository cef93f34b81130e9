using System.Text;
using System.Text.Json.Nodes;

namespace Bot.AppPackage.Tests;

/// <summary>The package against Microsoft's own JSON schemas for the manifest version it declares.</summary>
public sealed class SchemaValidationTests
{
    [Fact]
    public void Packaged_manifest_is_valid_against_the_official_schema()
    {
        var manifest = TestPackage.Build().File("manifest.json");

        Assert.Empty(OfficialSchemas.Validate(OfficialSchemas.ManifestSchemaPath, manifest));
    }

    [Fact]
    public void Packaged_german_language_file_is_valid_against_the_official_localization_schema()
    {
        var german = TestPackage.Build().File("de.json");

        Assert.Empty(OfficialSchemas.Validate(OfficialSchemas.LocalizationSchemaPath, german));
    }

    /// <summary>Proves the validation above can fail: the same files, each broken in ways the schemas forbid.</summary>
    [Fact]
    public void Schema_validation_rejects_what_the_schemas_forbid()
    {
        var package = TestPackage.Build();
        var manifest = package.Json("manifest.json");
        manifest["manifestVersion"] = "1.30";
        manifest["name"]!["short"] = new string('x', 31);
        manifest["bots"]![0]!["botId"] = "not-a-guid";
        var german = package.Json("de.json");
        german["description.short"] = new string('ü', 81);
        german["bots[0].commandLists[3].commands[0].title"] = "there is no fourth command list";
        manifest["webApplicationInfo"]!["id"] = "api://not-a-guid";
        manifest["staticTabs"]![0]!["scopes"] = new JsonArray("team", "channel");
        manifest["configurableTabs"]![0]!["scopes"] = new JsonArray("personal");
        german["staticTabs[0].name"] = new string('x', 129);

        var manifestErrors = OfficialSchemas.Validate(OfficialSchemas.ManifestSchemaPath, Encoding.UTF8.GetBytes(manifest.ToJsonString()));
        var germanErrors = OfficialSchemas.Validate(OfficialSchemas.LocalizationSchemaPath, Encoding.UTF8.GetBytes(german.ToJsonString()));

        Assert.Contains(manifestErrors, error => error.StartsWith("/manifestVersion ", StringComparison.Ordinal));
        Assert.Contains(manifestErrors, error => error.StartsWith("/name/short ", StringComparison.Ordinal));
        Assert.Contains(manifestErrors, error => error.StartsWith("/bots/0/botId ", StringComparison.Ordinal));
        Assert.Contains(germanErrors, error => error.StartsWith("/description.short ", StringComparison.Ordinal));
        Assert.Contains(germanErrors, error => error.Contains("commandLists[3]", StringComparison.Ordinal));
        Assert.Contains(manifestErrors, error => error.StartsWith("/webApplicationInfo/id ", StringComparison.Ordinal));
        Assert.Contains(manifestErrors, error => error.StartsWith("/staticTabs/0/scopes/1 ", StringComparison.Ordinal));
        Assert.Contains(manifestErrors, error => error.StartsWith("/configurableTabs/0/scopes/0 ", StringComparison.Ordinal));
        Assert.Contains(germanErrors, error => error.Contains("staticTabs[0].name", StringComparison.Ordinal));
    }

    /// <summary>
    /// The content calendar: "My plan" as a personal tab, the team's calendar as a channel tab configured at
    /// /tab/config, and the Entra ID resource Teams asks a token for (the Application ID URI of the bot's registration).
    /// </summary>
    [Fact]
    public void Packaged_manifest_declares_the_calendar_tabs_and_the_sso_resource()
    {
        var package = TestPackage.Build();
        var manifest = package.Json("manifest.json");
        var german = package.Json("de.json");
        var appId = TestPackage.AppId.ToString("D");

        var personal = Assert.Single(manifest["staticTabs"]!.AsArray())!;
        Assert.Equal("My plan", Text(personal["name"]));
        Assert.Equal($"https://{TestPackage.Domain}/tab/calendar", Text(personal["contentUrl"]));
        Assert.Equal(["personal"], personal["scopes"]!.AsArray().Select(Text));
        Assert.Equal("Mein Plan", Text(german["staticTabs[0].name"]));

        var channel = Assert.Single(manifest["configurableTabs"]!.AsArray())!;
        Assert.Equal($"https://{TestPackage.Domain}/tab/config", Text(channel["configurationUrl"]));
        Assert.Equal(["team"], channel["scopes"]!.AsArray().Select(Text));

        Assert.Equal(appId, Text(manifest["webApplicationInfo"]!["id"]));
        Assert.Equal($"api://{TestPackage.Domain}/{appId}", Text(manifest["webApplicationInfo"]!["resource"]));
        // Teams shows a tab only from a domain the package lists.
        Assert.Contains(TestPackage.Domain, manifest["validDomains"]!.AsArray().Select(Text));
    }

    [Fact]
    public void Manifest_and_language_file_declare_the_schema_version_they_are_validated_against()
    {
        var package = TestPackage.Build();
        var manifest = package.Json("manifest.json");

        Assert.Equal(TeamsManifestSchema.Version, manifest["manifestVersion"]!.GetValue<string>());
        Assert.Equal(TeamsManifestSchema.ManifestSchemaUrl, manifest["$schema"]!.GetValue<string>());
        Assert.Equal(TeamsManifestSchema.LocalizationSchemaUrl, package.Json("de.json")["$schema"]!.GetValue<string>());
        Assert.Equal(TeamsManifestSchema.Version, OfficialSchemas.ManifestSchema["properties"]!["manifestVersion"]!["const"]!.GetValue<string>());
    }

    /// <summary>The packager checks these limits itself; here they are read from the official schemas.</summary>
    [Fact]
    public void Packager_limits_are_the_limits_in_the_official_schemas()
    {
        var schema = OfficialSchemas.ManifestSchema["properties"]!;
        var commandLists = schema["bots"]!["items"]!["properties"]!["commandLists"]!;
        var command = commandLists["items"]!["properties"]!["commands"]!;
        var localization = OfficialSchemas.LocalizationSchema;

        Assert.Equal(TeamsManifestSchema.ShortNameMaxLength, MaxLength(schema["name"]!["properties"]!["short"]));
        Assert.Equal(TeamsManifestSchema.FullNameMaxLength, MaxLength(schema["name"]!["properties"]!["full"]));
        Assert.Equal(TeamsManifestSchema.ShortDescriptionMaxLength, MaxLength(schema["description"]!["properties"]!["short"]));
        Assert.Equal(TeamsManifestSchema.FullDescriptionMaxLength, MaxLength(schema["description"]!["properties"]!["full"]));
        Assert.Equal(TeamsManifestSchema.DeveloperNameMaxLength, MaxLength(schema["developer"]!["properties"]!["name"]));
        Assert.Equal(TeamsManifestSchema.CommandListsMax, commandLists["maxItems"]!.GetValue<int>());
        Assert.Equal(TeamsManifestSchema.CommandsPerListMax, command["maxItems"]!.GetValue<int>());
        Assert.Equal(TeamsManifestSchema.CommandTitleMaxLength, MaxLength(command["items"]!["properties"]!["title"]));
        Assert.Equal(TeamsManifestSchema.CommandDescriptionMaxLength, MaxLength(command["items"]!["properties"]!["description"]));
        Assert.Equal(TeamsManifestSchema.UrlMaxLength, MaxLength(OfficialSchemas.ManifestSchema["definitions"]!["anyHttpUrl"]));

        Assert.Equal(TeamsManifestSchema.ShortNameMaxLength, MaxLength(localization["properties"]!["name.short"]));
        Assert.Equal(TeamsManifestSchema.FullNameMaxLength, MaxLength(localization["properties"]!["name.full"]));
        Assert.Equal(TeamsManifestSchema.ShortDescriptionMaxLength, MaxLength(localization["properties"]!["description.short"]));
        Assert.Equal(TeamsManifestSchema.FullDescriptionMaxLength, MaxLength(localization["properties"]!["description.full"]));
        Assert.Equal(TeamsManifestSchema.CommandTitleMaxLength, MaxLength(LocalizedCommandRule(localization, ".title")));
        Assert.Equal(TeamsManifestSchema.CommandDescriptionMaxLength, MaxLength(LocalizedCommandRule(localization, ".description")));
    }

    /// <summary>
    /// Every text a user reads, in both languages, against the limit the schema gives it, so a failure names the text
    /// and its limit rather than a schema path.
    /// </summary>
    [Fact]
    public void Every_name_description_and_command_text_is_within_its_schema_limit()
    {
        var package = TestPackage.Build();
        var manifest = package.Json("manifest.json");
        var german = package.Json("de.json");
        var schema = OfficialSchemas.ManifestSchema["properties"]!;
        var commandSchema = schema["bots"]!["items"]!["properties"]!["commandLists"]!["items"]!["properties"]!["commands"]!["items"]!["properties"]!;
        var localization = OfficialSchemas.LocalizationSchema;

        var texts = new List<(string Where, string Text, int Limit)>
        {
            ("name.short", Text(manifest["name"]!["short"]), MaxLength(schema["name"]!["properties"]!["short"])),
            ("name.full", Text(manifest["name"]!["full"]), MaxLength(schema["name"]!["properties"]!["full"])),
            ("description.short", Text(manifest["description"]!["short"]), MaxLength(schema["description"]!["properties"]!["short"])),
            ("description.full", Text(manifest["description"]!["full"]), MaxLength(schema["description"]!["properties"]!["full"])),
            ("developer.name", Text(manifest["developer"]!["name"]), MaxLength(schema["developer"]!["properties"]!["name"])),
        };
        foreach (var (listIndex, list) in manifest["bots"]![0]!["commandLists"]!.AsArray().Index())
        {
            foreach (var (commandIndex, command) in list!["commands"]!.AsArray().Index())
            {
                texts.Add(($"commandLists[{listIndex}].commands[{commandIndex}].title", Text(command!["title"]), MaxLength(commandSchema["title"])));
                texts.Add(($"commandLists[{listIndex}].commands[{commandIndex}].description", Text(command["description"]), MaxLength(commandSchema["description"])));
            }
        }

        foreach (var (key, value) in german.Where(property => property.Key != "$schema"))
        {
            var rule = localization["properties"]![key]
                ?? (key.StartsWith("staticTabs[", StringComparison.Ordinal) ? LocalizedRule(localization, "^staticTabs") : LocalizedCommandRule(localization, key[key.LastIndexOf('.')..]));
            texts.Add(("de.json " + key, Text(value), MaxLength(rule)));
        }

        Assert.Contains(texts, entry => entry.Where.StartsWith("commandLists[", StringComparison.Ordinal));
        Assert.Contains(texts, entry => entry.Where.StartsWith("de.json bots[0].commandLists[", StringComparison.Ordinal));
        Assert.Contains(texts, entry => entry.Where == "de.json staticTabs[0].name");
        Assert.All(texts, entry =>
        {
            Assert.False(string.IsNullOrWhiteSpace(entry.Text), entry.Where + " is empty.");
            Assert.True(entry.Text.EnumerateRunes().Count() <= entry.Limit, $"{entry.Where} has {entry.Text.EnumerateRunes().Count()} characters, the limit is {entry.Limit}: {entry.Text}");
        });
    }

    private static int MaxLength(JsonNode? rule) => rule?["maxLength"]?.GetValue<int>() ?? throw new InvalidOperationException("The schema gives no maxLength here.");

    private static string Text(JsonNode? node) => node!.GetValue<string>();

    private static JsonNode LocalizedRule(JsonNode localization, string prefix) =>
        localization["patternProperties"]!.AsObject().Single(rule => rule.Key.StartsWith(prefix.Replace("[", "\\[", StringComparison.Ordinal), StringComparison.Ordinal) && rule.Key.EndsWith("\\.name$", StringComparison.Ordinal)).Value!;

    private static JsonNode LocalizedCommandRule(JsonNode localization, string suffix) =>
        localization["patternProperties"]!.AsObject()
            .Single(rule => rule.Key.StartsWith("^bots\\[0\\]\\.commandLists", StringComparison.Ordinal) && rule.Key.EndsWith(suffix.Replace(".", "\\.", StringComparison.Ordinal) + "$", StringComparison.Ordinal))
            .Value!;
}
