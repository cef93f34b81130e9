namespace Bot.AppPackage;

/// <summary>
/// The Teams app manifest version the package is written for, and the limits of that version that the packager checks
/// itself: the machine that builds a package need not have the JSON schemas or a validator. The tests read every limit
/// here from the official schema files of this version, so the two cannot disagree unnoticed.
/// </summary>
internal static class TeamsManifestSchema
{
    public const string Version = "1.29";
    public const string ManifestSchemaUrl = "https://developer.microsoft.com/json-schemas/teams/v1.29/MicrosoftTeams.schema.json";
    public const string LocalizationSchemaUrl = "https://developer.microsoft.com/json-schemas/teams/v1.29/MicrosoftTeams.Localization.schema.json";

    public const int ShortNameMaxLength = 30;
    public const int FullNameMaxLength = 100;
    public const int ShortDescriptionMaxLength = 80;
    public const int FullDescriptionMaxLength = 4000;
    public const int DeveloperNameMaxLength = 32;
    public const int CommandListsMax = 3;
    public const int CommandsPerListMax = 12;
    public const int CommandTitleMaxLength = 128;
    public const int CommandDescriptionMaxLength = 4000;
    public const int UrlMaxLength = 2048;
}
