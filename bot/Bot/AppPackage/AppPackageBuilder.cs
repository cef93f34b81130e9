using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Bot.Localization;
using Bot.Turns;

namespace Bot.AppPackage;

/// <summary>What differs between one organisation's bot and another's; everything else is in the templates.</summary>
internal sealed record AppPackageSettings(Guid AppId, string Domain)
{
    /// <summary>Teams installs an update only when the version goes up, so a re-upload needs a higher one.</summary>
    public string? AppVersion { get; init; }

    public Uri? PrivacyUrl { get; init; }

    public Uri? TermsOfUseUrl { get; init; }
}

/// <summary>The commands Teams offers in one scope's command menu; <see cref="Scope"/> is the manifest's scope name.</summary>
internal sealed record ManifestCommandList(string Scope, IReadOnlyList<CommandDefinition> Commands);

/// <summary>
/// Fills the manifest templates for one organisation, adds the command lists from <see cref="CommandCatalog"/>, checks
/// the result against the limits of the manifest version, and paints the icons.
/// </summary>
internal static partial class AppPackageBuilder
{
    private const string CommandKeyPrefix = "bots[0].commandLists[";

    private static readonly JsonSerializerOptions WriteOptions = new()
    {
        WriteIndented = true,
        IndentSize = 2,
        // Readable umlauts in de.json; the files are JSON for Teams, never embedded in HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly (ConversationScopes Scope, string Name)[] ManifestScopes =
    [
        (ConversationScopes.Personal, "personal"),
        (ConversationScopes.Team, "team"),
        (ConversationScopes.GroupChat, "groupChat"),
    ];

    public static TeamsAppPackage Build(AppPackageSettings settings) => Build(settings, ManifestTemplates.Embedded, CommandCatalog.All);

    public static TeamsAppPackage Build(AppPackageSettings settings, ManifestTemplates templates, IReadOnlyList<CommandDefinition> commands)
    {
        var manifest = Fill(templates.Manifest, "manifest.json", settings);
        var german = Fill(templates.German, "de.json", settings);
        ApplyOptionalSettings(manifest, settings);
        AddCommandLists(manifest, german, commands);

        var problems = new List<string>();
        CheckManifest(manifest, problems);
        CheckGerman(german, problems);
        CheckNoPlaceholderLeft(manifest, "manifest.json", "", problems);
        CheckNoPlaceholderLeft(german, "de.json", "", problems);
        var germanFile = GermanFileName(manifest, problems);
        if (problems.Count > 0)
        {
            throw new AppPackageException(problems);
        }

        var icons = manifest["icons"]!;
        var accent = Rgba.FromHex(Text(manifest["accentColor"])!);
        return new TeamsAppPackage(
        [
            new("manifest.json", Serialize(manifest)),
            new(germanFile!, Serialize(german)),
            new(Text(icons["color"])!, Png.Encode(AppIcons.Color(accent))),
            new(Text(icons["outline"])!, Png.Encode(AppIcons.Outline())),
        ]);
    }

    /// <summary>The catalog's menu commands per Teams scope, one list per scope as the manifest asks.</summary>
    internal static IReadOnlyList<ManifestCommandList> CommandLists(IReadOnlyList<CommandDefinition> commands) =>
        [.. ManifestScopes
            .Select(scope => new ManifestCommandList(scope.Name, [.. commands.Where(command => command.ShowInMenu && command.OfferedIn.HasFlag(scope.Scope))]))
            .Where(list => list.Commands.Count > 0)];

    private static JsonObject Fill(string template, string fileName, AppPackageSettings settings)
    {
        var text = template
            .Replace(ManifestTemplates.AppIdPlaceholder, settings.AppId.ToString("D"), StringComparison.Ordinal)
            .Replace(ManifestTemplates.DomainPlaceholder, settings.Domain, StringComparison.Ordinal);
        try
        {
            return JsonNode.Parse(text) as JsonObject ?? throw new AppPackageException([$"{fileName} is not a JSON object."]);
        }
        catch (JsonException e)
        {
            throw new AppPackageException([$"{fileName} is not valid JSON: {e.Message}"]);
        }
    }

    private static void ApplyOptionalSettings(JsonObject manifest, AppPackageSettings settings)
    {
        if (settings.AppVersion is not null)
        {
            manifest["version"] = settings.AppVersion;
        }

        if (manifest["developer"] is JsonObject developer)
        {
            if (settings.PrivacyUrl is not null)
            {
                developer["privacyUrl"] = settings.PrivacyUrl.AbsoluteUri;
            }

            if (settings.TermsOfUseUrl is not null)
            {
                developer["termsOfUseUrl"] = settings.TermsOfUseUrl.AbsoluteUri;
            }
        }
    }

    /// <summary>
    /// English titles and descriptions go into manifest.json, German ones into de.json under the keys the localisation
    /// schema defines; any command keys already in the templates are replaced, as the catalog is the one source.
    /// </summary>
    private static void AddCommandLists(JsonObject manifest, JsonObject german, IReadOnlyList<CommandDefinition> commands)
    {
        if (manifest["bots"] is not JsonArray { Count: > 0 } bots || bots[0] is not JsonObject bot)
        {
            return;
        }

        foreach (var key in german.Select(property => property.Key).Where(key => key.StartsWith(CommandKeyPrefix, StringComparison.Ordinal)).ToList())
        {
            german.Remove(key);
        }

        var lists = new JsonArray();
        foreach (var (listIndex, (scope, listCommands)) in CommandLists(commands).Index())
        {
            var entries = new JsonArray();
            foreach (var (commandIndex, command) in listCommands.Index())
            {
                entries.Add(new JsonObject { ["title"] = command.English, ["description"] = BotLanguage.In(BotLanguage.English, command.Description) });
                german[$"{CommandKeyPrefix}{listIndex}].commands[{commandIndex}].title"] = command.German;
                german[$"{CommandKeyPrefix}{listIndex}].commands[{commandIndex}].description"] = BotLanguage.In(BotLanguage.German, command.Description);
            }

            lists.Add(new JsonObject { ["scopes"] = new JsonArray(scope), ["commands"] = entries });
        }

        bot["commandLists"] = lists;
    }

    private static void CheckManifest(JsonObject manifest, List<string> problems)
    {
        const string file = "manifest.json";
        Expect(file, "$schema", Text(manifest["$schema"]), TeamsManifestSchema.ManifestSchemaUrl, problems);
        Expect(file, "manifestVersion", Text(manifest["manifestVersion"]), TeamsManifestSchema.Version, problems);
        CheckPattern(file, "version", Text(manifest["version"]), SemanticVersion(), "a version of the form 1.2.3", problems);
        CheckPattern(file, "id", Text(manifest["id"]), Guid(), "a GUID", problems);
        CheckPattern(file, "accentColor", Text(manifest["accentColor"]), HexColor(), "a colour of the form #RRGGBB", problems);

        CheckLength(file, "name.short", Text(manifest["name"]?["short"]), TeamsManifestSchema.ShortNameMaxLength, required: true, problems);
        CheckLength(file, "name.full", Text(manifest["name"]?["full"]), TeamsManifestSchema.FullNameMaxLength, required: false, problems);
        CheckLength(file, "description.short", Text(manifest["description"]?["short"]), TeamsManifestSchema.ShortDescriptionMaxLength, required: true, problems);
        CheckLength(file, "description.full", Text(manifest["description"]?["full"]), TeamsManifestSchema.FullDescriptionMaxLength, required: true, problems);
        CheckLength(file, "developer.name", Text(manifest["developer"]?["name"]), TeamsManifestSchema.DeveloperNameMaxLength, required: true, problems);
        foreach (var urlProperty in (string[])["websiteUrl", "privacyUrl", "termsOfUseUrl"])
        {
            var url = Text(manifest["developer"]?[urlProperty]);
            CheckLength(file, "developer." + urlProperty, url, TeamsManifestSchema.UrlMaxLength, required: true, problems);
            if (url is not null && !(Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps))
            {
                problems.Add($"{file}: developer.{urlProperty} '{url}' is not an https URL.");
            }
        }

        foreach (var icon in (string[])["color", "outline"])
        {
            if (Text(manifest["icons"]?[icon]) is not { Length: > 0 } iconFile || iconFile.Contains('/', StringComparison.Ordinal))
            {
                problems.Add($"{file}: icons.{icon} must name a file at the root of the package.");
            }
        }

        if (manifest["bots"] is not JsonArray { Count: 1 } bots || bots[0] is not JsonObject bot)
        {
            problems.Add($"{file}: bots must hold exactly one bot.");
            return;
        }

        CheckPattern(file, "bots[0].botId", Text(bot["botId"]), Guid(), "a GUID", problems);
        var lists = bot["commandLists"] as JsonArray ?? [];
        if (lists.Count > TeamsManifestSchema.CommandListsMax)
        {
            problems.Add($"{file}: {lists.Count} command lists, at most {TeamsManifestSchema.CommandListsMax} are allowed.");
        }

        foreach (var (listIndex, list) in lists.Index())
        {
            var commands = list?["commands"] as JsonArray ?? [];
            if (commands.Count > TeamsManifestSchema.CommandsPerListMax)
            {
                problems.Add($"{file}: command list {listIndex} has {commands.Count} commands, at most {TeamsManifestSchema.CommandsPerListMax} are allowed.");
            }

            foreach (var (commandIndex, command) in commands.Index())
            {
                var path = $"{CommandKeyPrefix}{listIndex}].commands[{commandIndex}]";
                CheckLength(file, path + ".title", Text(command?["title"]), TeamsManifestSchema.CommandTitleMaxLength, required: true, problems);
                CheckLength(file, path + ".description", Text(command?["description"]), TeamsManifestSchema.CommandDescriptionMaxLength, required: false, problems);
            }
        }
    }

    private static void CheckGerman(JsonObject german, List<string> problems)
    {
        const string file = "de.json";
        Expect(file, "$schema", Text(german["$schema"]), TeamsManifestSchema.LocalizationSchemaUrl, problems);
        CheckLength(file, "name.short", Text(german["name.short"]), TeamsManifestSchema.ShortNameMaxLength, required: false, problems);
        CheckLength(file, "name.full", Text(german["name.full"]), TeamsManifestSchema.FullNameMaxLength, required: false, problems);
        CheckLength(file, "description.short", Text(german["description.short"]), TeamsManifestSchema.ShortDescriptionMaxLength, required: false, problems);
        CheckLength(file, "description.full", Text(german["description.full"]), TeamsManifestSchema.FullDescriptionMaxLength, required: false, problems);
        foreach (var (key, value) in german.Where(property => property.Key.StartsWith(CommandKeyPrefix, StringComparison.Ordinal)))
        {
            var max = key.EndsWith(".title", StringComparison.Ordinal) ? TeamsManifestSchema.CommandTitleMaxLength : TeamsManifestSchema.CommandDescriptionMaxLength;
            CheckLength(file, key, Text(value), max, required: true, problems);
        }
    }

    private static string? GermanFileName(JsonObject manifest, List<string> problems)
    {
        var localization = manifest["localizationInfo"];
        var german = (localization?["additionalLanguages"] as JsonArray ?? [])
            .FirstOrDefault(language => string.Equals(Text(language?["languageTag"]), "de", StringComparison.OrdinalIgnoreCase));
        if (Text(localization?["defaultLanguageTag"]) != "en" || Text(german?["file"]) is not { Length: > 0 } file)
        {
            problems.Add("manifest.json: localizationInfo must name English as the default language and a file for German (de).");
            return null;
        }

        return file;
    }

    private static void CheckNoPlaceholderLeft(JsonNode? node, string file, string path, List<string> problems)
    {
        switch (node)
        {
            case JsonObject container:
                foreach (var (key, value) in container)
                {
                    CheckNoPlaceholderLeft(value, file, path.Length == 0 ? key : $"{path}.{key}", problems);
                }

                break;
            case JsonArray array:
                foreach (var (index, item) in array.Index())
                {
                    CheckNoPlaceholderLeft(item, file, $"{path}[{index}]", problems);
                }

                break;
            default:
                if (Text(node) is { } text && text.Contains("{{", StringComparison.Ordinal))
                {
                    problems.Add($"{file}: {path} still holds a placeholder: '{text}'.");
                }

                break;
        }
    }

    private static void Expect(string file, string property, string? actual, string expected, List<string> problems)
    {
        if (actual != expected)
        {
            problems.Add($"{file}: {property} is '{actual}', expected '{expected}'.");
        }
    }

    private static void CheckPattern(string file, string property, string? value, Regex pattern, string expected, List<string> problems)
    {
        if (value is null || !pattern.IsMatch(value))
        {
            problems.Add($"{file}: {property} '{value}' is not {expected}.");
        }
    }

    /// <summary>JSON schema counts characters as code points, so "ü" is one whichever way it is encoded.</summary>
    private static void CheckLength(string file, string property, string? value, int maxLength, bool required, List<string> problems)
    {
        if (value is null)
        {
            if (required)
            {
                problems.Add($"{file}: {property} is missing.");
            }

            return;
        }

        var length = value.EnumerateRunes().Count();
        if (length == 0)
        {
            problems.Add($"{file}: {property} is empty.");
        }
        else if (length > maxLength)
        {
            problems.Add($"{file}: {property} has {length} characters, at most {maxLength} are allowed: '{value}'.");
        }
    }

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static byte[] Serialize(JsonNode document) => Encoding.UTF8.GetBytes(document.ToJsonString(WriteOptions) + "\n");

    // The patterns of the manifest schema's definitions (guid, semver, hexColor).
    [GeneratedRegex("^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$")]
    private static partial Regex Guid();

    [GeneratedRegex("^([0-9]|[1-9]+[0-9]*)\\.([0-9]|[1-9]+[0-9]*)\\.([0-9]|[1-9]+[0-9]*)$")]
    internal static partial Regex SemanticVersion();

    [GeneratedRegex("^#[0-9a-fA-F]{6}$")]
    private static partial Regex HexColor();
}
